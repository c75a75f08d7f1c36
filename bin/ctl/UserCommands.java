import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands on accounts, sessions and domains, each a call to the admin REST API
 * (docs/ADMIN.md) and a rendering of its answer.
 */
final class UserCommands {

    private UserCommands() {
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

    static void domains(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        for (Object domain : Json.list(api.send("GET", "/domains", null, 200), "domains")) {
            out.println(domain);
        }
    }
}
