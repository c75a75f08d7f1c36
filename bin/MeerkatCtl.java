import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code bin/meerkatctl}: administers a running Meerkat node through its admin REST API (see
 * docs/ADMIN.md), with the command names and argument order of ejabberdctl. It is one source
 * file so that a JDK runs it as it is ({@code java MeerkatCtl.java ...}, JEP 330), with nothing
 * but the JDK: {@code java.net.http} for HTTP and a small JSON reader below.
 *
 * <p>Exit codes: 0 done; 1 the server refused the request (it says why); 2 bad usage or
 * configuration; 3 the node does not answer; 4 authentication or authorization failed; 5 the
 * server failed or answered something unexpected.
 */
public class MeerkatCtl {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int AUTH = 4;
    static final int FAILED = 5;

    /** The commands, in the order help lists them; aliases are ejabberdctl's names. */
    static final List<Command> COMMANDS = List.of(
            new Command("register", List.of(), "USER DOMAIN PASSWORD", 3, 3,
                    "create the account USER@DOMAIN", Commands::register),
            new Command("unregister", List.of(), "USER DOMAIN", 2, 2,
                    "delete the account USER@DOMAIN, its data and its sessions",
                    Commands::unregister),
            new Command("passwd", List.of("change_password"), "USER DOMAIN PASSWORD", 3, 3,
                    "set a new password for USER@DOMAIN", Commands::passwd),
            new Command("users", List.of("registered_users"), "DOMAIN", 1, 1,
                    "list the users of DOMAIN, one per line", Commands::users),
            new Command("sessions", List.of("connected_users_info"), "", 0, 0,
                    "list the sessions: JID, node, transport, address, since",
                    Commands::sessions),
            new Command("kick", List.of("kick_session"), "JID [REASON...]", 1, Integer.MAX_VALUE,
                    "end the session of a full JID, or all sessions of a bare JID",
                    Commands::kick),
            new Command("domains", List.of("registered_vhosts"), "", 0, 0,
                    "list the XMPP domains the server serves", Commands::domains),
            new Command("cluster-status", List.of(), "", 0, 0,
                    "list the running nodes: name, address, sessions, uptime",
                    Commands::clusterStatus),
            new Command("remove-from-cluster", List.of(), "NODE [-f]", 1, 2,
                    "remove the sessions of a dead node (-f: of a running one too)",
                    Commands::removeFromCluster),
            new Command("join-cluster", List.of("join_cluster"), "NODE [-f]", 1, 2,
                    "make this node join the cluster of NODE (nodeN, host:port or URL)",
                    Commands::joinCluster),
            new Command("leave-cluster", List.of("leave_cluster"), "[-f]", 0, 1,
                    "send this node's clients to another node and leave the cluster",
                    Commands::leaveCluster),
            new Command("mam-purge-older", List.of("delete_old_mam_messages"), "DAYS", 1, 1,
                    "delete archived messages older than DAYS days, of every user",
                    Commands::mamPurgeOlder),
            new Command("mam-purge", List.of(), "JID [DAYS]", 1, 2,
                    "delete the archived messages of a bare JID (older than DAYS days)",
                    Commands::mamPurge));

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("meerkat.home", ".")).toAbsolutePath();
        int code;
        try {
            code = run(args, System.getenv(), home, System.out, System.err);
        } catch (RuntimeException e) {
            // A fault of this program: report it under its own exit code rather than the JVM's 1,
            // which would read as a refusal by the server.
            e.printStackTrace();
            code = FAILED;
        }
        System.exit(code);
    }

    /**
     * Runs one command line and returns the exit code; tests call this directly.
     *
     * @param home the repository (or installation) directory, whose {@code var/} holds the nodes
     */
    public static int run(String[] args, Map<String, String> env, Path home, PrintStream out,
            PrintStream err) {
        return run(args, env, home, System.in, out, err);
    }

    /** As {@link #run(String[], Map, Path, PrintStream, PrintStream)}, answering prompts from {@code in}. */
    public static int run(String[] args, Map<String, String> env, Path home, InputStream in,
            PrintStream out, PrintStream err) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (CtlException e) {
            err.println("meerkatctl: " + e.getMessage());
            printUsage(err);
            return e.exitCode;
        }
        if (invocation.command().equals("help")) {
            printUsage(out);
            return OK;
        }
        try {
            Command command = find(invocation.command());
            command.checkArity(invocation.args());
            Target target = Target.resolve(invocation.node(), env, home);
            Operator operator = new Operator(env, home, target, in, err);
            command.action().run(new AdminClient(target, operator), invocation.args(), out);
            return OK;
        } catch (CtlException e) {
            err.println("meerkatctl: " + e.getMessage());
            if (e.exitCode == USAGE && e.showUsage) {
                printUsage(err);
            }
            return e.exitCode;
        }
    }

    static Command find(String name) throws CtlException {
        for (Command command : COMMANDS) {
            if (command.name().equals(name) || command.aliases().contains(name)) {
                return command;
            }
        }
        throw CtlException.usage("unknown command '" + name + "'");
    }

    static void printUsage(PrintStream out) {
        out.println("Usage: meerkatctl [--node N] COMMAND [ARGS...]");
        out.println();
        out.println("Commands:");
        for (Command command : COMMANDS) {
            out.printf("  %-40s %s%n", (command.name() + " " + command.params()).trim(),
                    command.summary());
            if (!command.aliases().isEmpty()) {
                out.printf("  %-40s (also: %s)%n", "", String.join(", ", command.aliases()));
            }
        }
        out.printf("  %-40s %s%n", "help", "show this text");
        out.println();
        out.println("Options:");
        out.println("  --node N   talk to node N (default 1), as set up by bin/meerkat in");
        out.println("             ${MEERKAT_VAR:-var}/nodeN/meerkatctl.properties");
        out.println();
        out.println("MEERKAT_ADMIN_URL, MEERKAT_ADMIN_USER and MEERKAT_ADMIN_PASSWORD override");
        out.println("that file, for servers not started by bin/meerkat.");
        out.println("join-cluster and leave-cluster ask for confirmation on the terminal unless -f.");
        out.println("Exit codes: 0 done, 1 refused by the server, 2 bad usage or configuration,");
        out.println("3 node not running, 4 authentication failed, 5 server error.");
    }
}

/** A failure with the exit code and message meerkatctl ends with. */
class CtlException extends Exception {

    final int exitCode;
    final boolean showUsage;

    CtlException(int exitCode, String message, boolean showUsage) {
        super(message);
        this.exitCode = exitCode;
        this.showUsage = showUsage;
    }

    static CtlException usage(String message) {
        return new CtlException(MeerkatCtl.USAGE, message, true);
    }

    static CtlException of(int exitCode, String message) {
        return new CtlException(exitCode, message, false);
    }
}

/** The options and the command of one command line. */
record Invocation(int node, String command, List<String> args) {

    static Invocation parse(String[] argv) throws CtlException {
        int node = 1;
        int i = 0;
        while (i < argv.length && argv[i].startsWith("-")) {
            String option = argv[i];
            if (option.equals("-h") || option.equals("--help")) {
                return new Invocation(node, "help", List.of());
            } else if (option.equals("--node")) {
                if (i + 1 >= argv.length) {
                    throw CtlException.usage("--node needs a node number");
                }
                node = nodeNumber(argv[i + 1]);
                i += 2;
            } else if (option.startsWith("--node=")) {
                node = nodeNumber(option.substring("--node=".length()));
                i += 1;
            } else {
                throw CtlException.usage("unknown option '" + option + "'");
            }
        }
        if (i >= argv.length) {
            throw CtlException.usage("no command given");
        }
        return new Invocation(node, argv[i], List.of(argv).subList(i + 1, argv.length));
    }

    private static int nodeNumber(String text) throws CtlException {
        try {
            int node = Integer.parseInt(text);
            if (node >= 1) {
                return node;
            }
        } catch (NumberFormatException e) {
            // Reported below together with the out-of-range case.
        }
        throw CtlException.usage("the node must be a positive number, not '" + text + "'");
    }
}

/** One command: its names, parameters, how many arguments it takes, and what it does. */
record Command(String name, List<String> aliases, String params, int minArgs, int maxArgs,
        String summary, Action action) {

    /** What a command does with the API, writing its result to {@code out}. */
    interface Action {
        void run(AdminClient api, List<String> args, PrintStream out) throws CtlException;
    }

    void checkArity(List<String> args) throws CtlException {
        if (args.size() < minArgs || args.size() > maxArgs) {
            String expected = minArgs == maxArgs ? String.valueOf(minArgs)
                    : maxArgs == Integer.MAX_VALUE ? "at least " + minArgs
                    : minArgs + " to " + maxArgs;
            throw CtlException.of(MeerkatCtl.USAGE, "wrong number of arguments for " + name
                    + " (expected " + expected + ", got " + args.size() + ")\n"
                    + "Usage: meerkatctl [--node N] " + (name + " " + params).trim());
        }
    }
}

/** The commands, each a call to the REST API of docs/ADMIN.md and a rendering of its answer. */
final class Commands {

    private Commands() {
    }

    static void register(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        String user = args.get(0);
        String domain = args.get(1);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("password", args.get(2));
        Object answer = api.send("POST", "/users/" + Encode.segment(domain), Json.write(body), 201);
        out.println("registered " + Json.field(answer, "jid", user + "@" + domain));
    }

    static void unregister(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        String user = args.get(0);
        String domain = args.get(1);
        api.send("DELETE", "/users/" + Encode.segment(domain) + "/" + Encode.segment(user), null,
                204);
        out.println("unregistered " + user + "@" + domain);
    }

    static void passwd(AdminClient api, List<String> args, PrintStream out) throws CtlException {
        String user = args.get(0);
        String domain = args.get(1);
        Map<String, String> body = Map.of("password", args.get(2));
        api.send("PUT", "/users/" + Encode.segment(domain) + "/" + Encode.segment(user)
                + "/password", Json.write(body), 204);
        out.println("changed the password of " + user + "@" + domain);
    }

    static void users(AdminClient api, List<String> args, PrintStream out) throws CtlException {
        Object answer = api.send("GET", "/users/" + Encode.segment(args.get(0)), null, 200);
        for (Object user : Json.list(answer, "users")) {
            out.println(user);
        }
    }

    static void sessions(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        Object answer = api.send("GET", "/sessions", null, 200);
        for (Object session : Json.list(answer, "sessions")) {
            List<String> columns = new ArrayList<>();
            for (String name : List.of("jid", "node", "transport", "address", "since")) {
                columns.add(Json.field(session, name, "-"));
            }
            out.println(String.join("\t", columns));
        }
    }

    static void kick(AdminClient api, List<String> args, PrintStream out) throws CtlException {
        String jid = args.get(0);
        String path = "/sessions/" + Encode.jid(jid);
        if (args.size() > 1) {
            path += "?reason=" + Encode.segment(String.join(" ", args.subList(1, args.size())));
        }
        Object answer = api.send("DELETE", path, null, 200);
        String ended = Json.field(answer, "ended", "?");
        out.println("kicked " + jid + " (" + ended + " session" + ("1".equals(ended) ? "" : "s")
                + ")");
    }

    static void clusterStatus(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        Object status = api.send("GET", "/cluster", null, 200);
        for (Object node : Json.list(status, "nodes")) {
            String uptime = Json.field(node, "uptime", "-1");
            List<String> notes = new ArrayList<>();
            if ("true".equals(Json.field(node, "local", "false"))) {
                notes.add("this node");
            }
            if ("true".equals(Json.field(node, "coordinator", "false"))) {
                notes.add("coordinator");
            }
            out.println(String.join("\t", Json.field(node, "name", "?"),
                    Json.field(node, "address", "?"),
                    Json.field(node, "sessions", "0") + " sessions",
                    "up " + Commands.duration(Long.parseLong(uptime)))
                    + (notes.isEmpty() ? "" : "\t(" + String.join(", ", notes) + ")"));
        }
        if (status instanceof Map<?, ?> map && map.get("absent") instanceof List<?> absent) {
            for (Object node : absent) {
                String name = Json.field(node, "name", "?");
                out.println(String.join("\t", name, "?",
                        Json.field(node, "sessions", "0") + " sessions", "not running",
                        "(left records: remove-from-cluster " + name + ")"));
            }
        }
    }

    static void removeFromCluster(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        String node = args.get(0);
        boolean force = force(args, 1, "remove-from-cluster");
        Object answer = api.send("DELETE", "/cluster/nodes/" + Encode.segment(node)
                + (force ? "?force=true" : ""), null, 200);
        out.println("removed " + Json.field(answer, "removed", "?") + " session records of "
                + node);
    }

    /**
     * join-cluster: asks NODE for its cluster settings, has this node check them (dry run),
     * confirms, and has this node apply them: it saves them and restarts its clustering.
     */
    static void joinCluster(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        boolean force = force(args, 1, "join-cluster");
        AdminClient seed = api.operator().node(args.get(0));
        String settings = Json.writeValue(seed.send("GET", "/cluster/settings", null, 200));
        Object check = api.send("POST", "/cluster/join?dry-run=true", settings, 200);
        String self = Json.field(check, "node", "this node");
        String seedNode = Json.field(Json.parse(settings), "node", args.get(0));
        String cluster = Json.field(check, "toCluster", "?");
        api.operator().confirm(force, "join-cluster: " + self + " leaves cluster "
                + Json.field(check, "fromCluster", "?") + " and joins cluster " + cluster + " of "
                + seedNode + ". Its clustering restarts (a server reload, 10-30 s), which"
                + " disconnects its " + Json.field(check, "sessions", "?") + " client sessions.");
        api.send("POST", "/cluster/join", settings, 202);
        out.println(self + " is joining cluster " + cluster + " of " + seedNode
                + "; its clustering restarts now (check with cluster-status)");
    }

    /**
     * leave-cluster: has this node check that it has a cluster to leave (dry run), confirms,
     * and has it leave: its clients are sent to another node, and it comes back alone.
     */
    static void leaveCluster(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        boolean force = force(args, 0, "leave-cluster");
        Object check = api.send("POST", "/cluster/leave?dry-run=true", null, 200);
        String self = Json.field(check, "node", "this node");
        String redirect = Json.field(check, "redirect", null);
        api.operator().confirm(force, "leave-cluster: " + self + " leaves cluster "
                + Json.field(check, "fromCluster", "?") + ". Its "
                + Json.field(check, "sessions", "?") + " client sessions are disconnected"
                + (redirect == null ? "" : " (TCP clients are told to reconnect to " + redirect
                + ")") + ", and it restarts its clustering in a cluster of its own.");
        Object done = api.send("POST", "/cluster/leave", null, 202);
        redirect = Json.field(done, "redirect", null);
        out.println(self + " left cluster " + Json.field(done, "fromCluster", "?")
                + (redirect == null ? "" : "; its clients were sent to " + redirect)
                + "; it restarts alone in cluster " + Json.field(done, "toCluster", "?"));
    }

    /** The optional {@code -f} at {@code index}; anything else there is a usage error. */
    private static boolean force(List<String> args, int index, String command)
            throws CtlException {
        if (args.size() <= index) {
            return false;
        }
        if (!args.get(index).equals("-f") && !args.get(index).equals("--force")) {
            throw CtlException.usage("unknown option '" + args.get(index) + "' for " + command
                    + " (only -f)");
        }
        return true;
    }

    /** Seconds as {@code 1d02h03m04s}, without the leading zero units; -1 as {@code ?}. */
    static String duration(long seconds) {
        if (seconds < 0) {
            return "?";
        }
        long d = seconds / 86400;
        long h = seconds / 3600 % 24;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        if (d > 0) {
            return String.format("%dd%02dh%02dm%02ds", d, h, m, s);
        } else if (h > 0) {
            return String.format("%dh%02dm%02ds", h, m, s);
        }
        return m > 0 ? String.format("%dm%02ds", m, s) : s + "s";
    }

    static void mamPurgeOlder(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        Object answer = api.send("DELETE", "/archive?older-than-days=" + Encode.segment(args.get(0)),
                null, 200);
        out.println("deleted " + Json.field(answer, "deleted", "?") + " archived messages");
    }

    static void mamPurge(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        String path = "/archive/" + Encode.jid(args.get(0));
        if (args.size() > 1) {
            path += "?older-than-days=" + Encode.segment(args.get(1));
        }
        Object answer = api.send("DELETE", path, null, 200);
        out.println("deleted " + Json.field(answer, "deleted", "?") + " archived messages of "
                + args.get(0));
    }

    static void domains(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        for (Object domain : Json.list(api.send("GET", "/domains", null, 200), "domains")) {
            out.println(domain);
        }
    }
}

/** Percent-encoding of path segments and query values (RFC 3986 §2.1, §3.3). */
final class Encode {

    private Encode() {
    }

    /** Encodes all but unreserved characters and '@', so the value stays one segment. */
    static String segment(String value) {
        return encode(value, "@");
    }

    /** A JID keeps its '/' literal: the API takes a full JID as the rest of the path. */
    static String jid(String value) {
        return encode(value, "@/");
    }

    private static String encode(String value, String keep) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
            if (unreserved || (c < 0x80 && keep.indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}

/**
 * Where and as whom to connect: {@code ${MEERKAT_VAR:-HOME/var}/nodeN/meerkatctl.properties}
 * (keys {@code url}, {@code user}, {@code password}, written by bin/meerkat), each overridden by
 * {@code MEERKAT_ADMIN_URL}, {@code MEERKAT_ADMIN_USER}, {@code MEERKAT_ADMIN_PASSWORD}.
 *
 * @param description how to name the server in messages: "node N" or the URL's server
 * @param source      where the credentials came from, for the message when they are refused
 */
record Target(String description, URI api, String user, String password, String source) {

    static Target resolve(int node, Map<String, String> env, Path home) throws CtlException {
        Path varDir = env.containsKey("MEERKAT_VAR")
                ? Path.of(env.get("MEERKAT_VAR")) : home.resolve("var");
        Path file = varDir.resolve("node" + node).resolve("meerkatctl.properties");
        Properties properties = new Properties();
        boolean fromFile;
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            fromFile = true;
        } catch (NoSuchFileException e) {
            fromFile = false;
        } catch (IOException | IllegalArgumentException e) {
            throw CtlException.of(MeerkatCtl.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        String url = setting(env, "MEERKAT_ADMIN_URL", properties, "url");
        if (url == null) {
            throw CtlException.of(MeerkatCtl.UNREACHABLE, "node " + node + " is not set up: "
                    + file + " does not exist (bin/meerkat start --node " + node + " creates it;"
                    + " for another server set MEERKAT_ADMIN_URL, MEERKAT_ADMIN_USER and"
                    + " MEERKAT_ADMIN_PASSWORD)");
        }
        String where = fromFile ? file.toString() : "the environment";
        String user = setting(env, "MEERKAT_ADMIN_USER", properties, "user");
        String password = setting(env, "MEERKAT_ADMIN_PASSWORD", properties, "password");
        if (user == null || password == null) {
            throw CtlException.of(MeerkatCtl.USAGE, "no administrator "
                    + (user == null ? "user" : "password") + ": set "
                    + (user == null ? "user" : "password") + " in " + file + " or "
                    + (user == null ? "MEERKAT_ADMIN_USER" : "MEERKAT_ADMIN_PASSWORD"));
        }
        String description = env.containsKey("MEERKAT_ADMIN_URL") ? "the server" : "node " + node;
        String source = env.containsKey("MEERKAT_ADMIN_USER")
                || env.containsKey("MEERKAT_ADMIN_PASSWORD")
                ? "MEERKAT_ADMIN_USER / MEERKAT_ADMIN_PASSWORD" : where;
        return new Target(description, apiOf(url), user, password, source);
    }

    private static String setting(Map<String, String> env, String variable,
            Properties properties, String key) {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            value = properties.getProperty(key);
        }
        return value == null || value.isEmpty() ? null : value.trim();
    }

    /** The API's base: the server URL (the WAR is at its root) with {@code /api}. */
    private static URI apiOf(String url) throws CtlException {
        try {
            URI uri = new URI(url.replaceAll("/+$", ""));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw CtlException.of(MeerkatCtl.USAGE,
                        "the admin URL must be http:// or https:// with a host, not '" + url + "'");
            }
            return uri.getPath().endsWith("/api") ? uri : new URI(uri + "/api");
        } catch (URISyntaxException e) {
            throw CtlException.of(MeerkatCtl.USAGE, "bad admin URL '" + url + "': "
                    + e.getMessage());
        }
    }

    /** The server's root URL, as the user knows it. */
    String url() {
        String text = api.toString();
        return text.substring(0, text.length() - "/api".length());
    }
}

/**
 * What a command may need besides its node's API: the API of another node, named as
 * {@code nodeN} (a node of this machine: its meerkatctl.properties), {@code host:port} or an
 * {@code http(s)://} URL (both with this node's credentials), and the operator's confirmation.
 */
final class Operator {

    private static final java.util.regex.Pattern NODE_NAME =
            java.util.regex.Pattern.compile("node([1-9][0-9]{0,2})");
    private static final java.util.regex.Pattern HOST_PORT =
            java.util.regex.Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}");

    private final Map<String, String> env;
    private final Path home;
    private final Target self;
    private final InputStream in;
    private final PrintStream err;

    Operator(Map<String, String> env, Path home, Target self, InputStream in, PrintStream err) {
        this.env = env;
        this.home = home;
        this.self = self;
        this.in = in;
        this.err = err;
    }

    /** The API of another node. */
    AdminClient node(String name) throws CtlException {
        java.util.regex.Matcher local = NODE_NAME.matcher(name);
        if (local.matches()) {
            Map<String, String> own = new java.util.HashMap<>(env);
            own.keySet().removeAll(List.of("MEERKAT_ADMIN_URL", "MEERKAT_ADMIN_USER",
                    "MEERKAT_ADMIN_PASSWORD"));
            try {
                return new AdminClient(Target.resolve(Integer.parseInt(local.group(1)), own, home),
                        this);
            } catch (CtlException e) {
                throw CtlException.of(MeerkatCtl.REFUSED, "unknown node " + name + ": "
                        + e.getMessage());
            }
        }
        String url;
        if (name.startsWith("http://") || name.startsWith("https://")) {
            url = name;
        } else if (HOST_PORT.matcher(name).matches()) {
            url = "http://" + name;
        } else {
            throw CtlException.usage("NODE must be nodeN (a node of this machine), host:port"
                    + " (its HTTP port) or an http(s):// URL, not '" + name + "'");
        }
        Map<String, String> other = Map.of("MEERKAT_ADMIN_URL", url,
                "MEERKAT_ADMIN_USER", self.user(), "MEERKAT_ADMIN_PASSWORD", self.password());
        return new AdminClient(Target.resolve(0, other, home), this);
    }

    /**
     * Shows what is about to happen and, unless {@code force}, asks to go on; anything but
     * {@code y} or {@code yes} (or no terminal input at all) aborts with nothing changed.
     */
    void confirm(boolean force, String warning) throws CtlException {
        err.println(warning);
        if (force) {
            return;
        }
        err.print("Continue? [y/N] ");
        err.flush();
        String answer;
        try {
            answer = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                    StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            err.println();
        }
        String yes = answer == null ? "" : answer.trim().toLowerCase(java.util.Locale.ROOT);
        if (!yes.equals("y") && !yes.equals("yes")) {
            throw CtlException.of(MeerkatCtl.REFUSED, "aborted; nothing changed"
                    + (answer == null ? " (no answer: give -f to go on without asking)" : ""));
        }
    }
}

/** Calls the admin REST API and turns every answer that is not a success into a CtlException. */
final class AdminClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Target target;
    private final Operator operator;
    private final HttpClient http;

    AdminClient(Target target, Operator operator) {
        this.target = target;
        this.operator = operator;
        // HTTP/1.1: no h2c upgrade attempt on plain http, which proxies handle badly.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** Other nodes and the person at the terminal, for the commands that need them. */
    Operator operator() {
        return operator;
    }

    /**
     * Sends a request and returns the parsed JSON answer (null when it has none).
     *
     * @param path     under {@code /api}, already encoded
     * @param json     the request body, or null for none
     * @param expected the success status of this request
     */
    Object send(String method, String path, String json, int expected) throws CtlException {
        String credentials = target.user() + ":" + target.password();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.api() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", "meerkatctl")
                // Sent up front: the API only ever answers 401 to a request without it.
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw notRunning();
        } catch (HttpTimeoutException e) {
            throw CtlException.of(MeerkatCtl.UNREACHABLE, target.description()
                    + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s at "
                    + target.url());
        } catch (IOException e) {
            throw CtlException.of(MeerkatCtl.UNREACHABLE, "the connection to "
                    + target.description() + " at " + target.url() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CtlException.of(MeerkatCtl.FAILED, "interrupted");
        }
        return answer(response, expected);
    }

    private CtlException notRunning() {
        return CtlException.of(MeerkatCtl.UNREACHABLE, target.description()
                + " is not running (no answer at " + target.url() + ")");
    }

    private Object answer(HttpResponse<String> response, int expected) throws CtlException {
        int status = response.statusCode();
        Object body = parse(response);
        if (status == expected) {
            return body;
        }
        String message = body == null ? null : Json.field(body, "message", null);
        if (status == 401) {
            throw CtlException.of(MeerkatCtl.AUTH, "authentication failed for user '"
                    + target.user() + "' at " + target.url() + " (check the credentials in "
                    + target.source() + ")");
        }
        if (status == 403) {
            throw CtlException.of(MeerkatCtl.AUTH, "user '" + target.user()
                    + "' is not an administrator at " + target.url()
                    + " (it needs the role meerkat-admin)");
        }
        if (message == null) {
            throw CtlException.of(MeerkatCtl.FAILED, "unexpected answer from " + target.url()
                    + ": HTTP " + status + (status == 404
                    ? " (is Meerkat deployed there? its admin API is at /api)" : ""));
        }
        if (status >= 400 && status < 500) {
            throw CtlException.of(MeerkatCtl.REFUSED, message);
        }
        throw CtlException.of(MeerkatCtl.FAILED, "the server failed: " + message
                + " (HTTP " + status + ")");
    }

    /** The answer's JSON, or null when it has none or is not JSON (an HTML error page). */
    private static Object parse(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json") || response.body().isBlank()) {
            return null;
        }
        try {
            return Json.parse(response.body());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

/**
 * Just enough JSON (RFC 8259) for the API's answers: objects become maps, arrays lists, numbers
 * BigDecimal. Malformed input throws IllegalArgumentException.
 */
final class Json {

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.pos != text.length()) {
            throw json.error("trailing characters");
        }
        return value;
    }

    /** A field of an object as text, or the fallback when the answer has no such field. */
    static String field(Object object, String name, String fallback) {
        Object value = object instanceof Map<?, ?> map ? map.get(name) : null;
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value == null ? fallback : value.toString();
    }

    /** An array field of an object; an answer without it is the server's fault. */
    static List<?> list(Object object, String name) throws CtlException {
        Object value = object instanceof Map<?, ?> map ? map.get(name) : null;
        if (value instanceof List<?> list) {
            return list;
        }
        throw CtlException.of(MeerkatCtl.FAILED, "unexpected answer from the server: no \""
                + name + "\" list");
    }

    static String write(Map<String, String> object) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> entry : object.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(entry.getKey())).append(':').append(quote(entry.getValue()));
        }
        return out.append('}').toString();
    }

    /** Any value {@link #parse} returns, as JSON text. */
    static String writeValue(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String text) {
            return quote(text);
        } else if (value instanceof BigDecimal || value instanceof Boolean) {
            return value.toString();
        } else if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(writeValue(item));
            }
            return "[" + String.join(",", items) + "]";
        } else if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                members.add(quote(String.valueOf(e.getKey())) + ":" + writeValue(e.getValue()));
            }
            return "{" + String.join(",", members) + "}";
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            default:
                if (text.startsWith("true", pos)) {
                    pos += 4;
                    return Boolean.TRUE;
                } else if (text.startsWith("false", pos)) {
                    pos += 5;
                    return Boolean.FALSE;
                } else if (text.startsWith("null", pos)) {
                    pos += 4;
                    return null;
                }
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a name");
            }
            String name = string();
            skipSpace();
            expect(':');
            map.put(name, value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException e) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape");
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("unexpected character");
        }
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos++);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
