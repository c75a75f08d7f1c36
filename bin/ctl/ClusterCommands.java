import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The cluster commands (docs/CLUSTER.md): status, removal of a dead node, join and leave. */
final class ClusterCommands {

    /** Three times the interval at which a running node writes its row in the database. */
    static final long RECENTLY_SEEN_SECONDS = 30;

    private ClusterCommands() {
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
                    "up " + duration(Long.parseLong(uptime)))
                    + (notes.isEmpty() ? "" : "\t(" + String.join(", ", notes) + ")"));
        }
        if (status instanceof Map<?, ?> map && map.get("absent") instanceof List<?> absent) {
            for (Object node : absent) {
                out.println(absentLine(node));
            }
        }
    }

    /**
     * A node outside the view: not running, or, while it still writes its row (every 10 s),
     * running outside this node's view (a partition); either way remove-from-cluster forgets it.
     */
    static String absentLine(Object node) {
        String name = Json.field(node, "name", "?");
        String address = Json.field(node, "address", "?");
        long seen = Long.parseLong(Json.field(node, "lastSeenSecondsAgo", "-1"));
        String state = seen >= 0 && seen < RECENTLY_SEEN_SECONDS ? "not in this view"
                : "not running";
        String why = seen < 0 ? "left records" : "last seen " + duration(seen) + " ago";
        return String.join("\t", name, address.isEmpty() ? "?" : address,
                Json.field(node, "sessions", "0") + " sessions", state,
                "(" + why + ": remove-from-cluster " + name + ")");
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
}
