import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/meerkatctl}: administers a running Meerkat node through its admin REST API (see
 * docs/ADMIN.md), with the command names and argument order of ejabberdctl. It needs nothing
 * but a JDK: the script compiles the sources of {@code bin/ctl/} with javac into a cache
 * directory when one is newer than the classes, and runs them; {@code java.net.http} does HTTP
 * and {@link Json} reads the answers.
 *
 * <p>This class holds the command table, the usage and the main loop; the commands are in
 * {@link UserCommands}, {@link ClusterCommands} and {@link ArchiveCommands}, the HTTP side in
 * {@link Target}, {@link AdminClient} and {@link Operator}.
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
                    "create the account USER@DOMAIN", UserCommands::register),
            new Command("unregister", List.of(), "USER DOMAIN", 2, 2,
                    "delete the account USER@DOMAIN, its data and its sessions",
                    UserCommands::unregister),
            new Command("passwd", List.of("change_password"), "USER DOMAIN PASSWORD", 3, 3,
                    "set a new password for USER@DOMAIN", UserCommands::passwd),
            new Command("users", List.of("registered_users"), "DOMAIN", 1, 1,
                    "list the users of DOMAIN, one per line", UserCommands::users),
            new Command("sessions", List.of("connected_users_info"), "", 0, 0,
                    "list the sessions: JID, node, transport, address, since",
                    UserCommands::sessions),
            new Command("kick", List.of("kick_session"), "JID [REASON...]", 1, Integer.MAX_VALUE,
                    "end the session of a full JID, or all sessions of a bare JID",
                    UserCommands::kick),
            new Command("domains", List.of("registered_vhosts"), "", 0, 0,
                    "list the XMPP domains the server serves", UserCommands::domains),
            new Command("cluster-status", List.of(), "", 0, 0,
                    "list the running nodes: name, address, sessions, uptime",
                    ClusterCommands::clusterStatus),
            new Command("remove-from-cluster", List.of(), "NODE [-f]", 1, 2,
                    "remove the sessions of a dead node (-f: of a running one too)",
                    ClusterCommands::removeFromCluster),
            new Command("join-cluster", List.of("join_cluster"), "NODE [-f]", 1, 2,
                    "make this node join the cluster of NODE (nodeN, host:port or URL)",
                    ClusterCommands::joinCluster),
            new Command("leave-cluster", List.of("leave_cluster"), "[-f]", 0, 1,
                    "send this node's clients to another node and leave the cluster",
                    ClusterCommands::leaveCluster),
            new Command("mam-purge-older", List.of("delete_old_mam_messages"), "DAYS", 1, 1,
                    "delete archived messages older than DAYS days, of every user",
                    ArchiveCommands::mamPurgeOlder),
            new Command("mam-purge", List.of(), "JID [DAYS]", 1, 2,
                    "delete the archived messages of a bare JID (older than DAYS days)",
                    ArchiveCommands::mamPurge));

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
