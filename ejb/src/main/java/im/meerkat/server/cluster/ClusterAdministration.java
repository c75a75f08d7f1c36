package im.meerkat.server.cluster;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.ClusterAbsentNode;
import im.meerkat.server.admin.ClusterNodeSummary;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster verbs of the admin API (docs/CLUSTER.md): the status of every running node and of
 * the nodes the cluster knows that are not in the view, and the removal of a dead node (its
 * session records and its row in {@link NodeRegistry}), which refuses a live node unless forced
 * and an unknown node always.
 */
@ApplicationScoped
public class ClusterAdministration {

    private static final Logger LOG = Logger.getLogger(ClusterAdministration.class.getName());

    private ClusterService cluster;
    private SessionRegistry sessions;
    private NodeRegistry nodes;
    private Clock clock = Clock.systemUTC();

    /** For the container's proxy. */
    protected ClusterAdministration() {
    }

    @Inject
    public ClusterAdministration(ClusterService cluster, SessionRegistry sessions,
            NodeRegistry nodes) {
        this.cluster = cluster;
        this.sessions = sessions;
        this.nodes = nodes;
    }

    /** For tests: the clock that ages the registry's rows. */
    ClusterAdministration(ClusterService cluster, SessionRegistry sessions, NodeRegistry nodes,
            Clock clock) {
        this(cluster, sessions, nodes);
        this.clock = clock;
    }

    /** Every member in view order, with what it answered about itself. */
    public List<ClusterNodeSummary> status() {
        Map<String, Integer> counts = sessionCounts();
        String coordinator = cluster.coordinator();
        List<ClusterNodeSummary> nodes = new ArrayList<>();
        for (Map.Entry<String, String> e : cluster.status().entrySet()) {
            String name = e.getKey();
            String address = "?";
            long uptime = -1;
            if (e.getValue() != null) {
                String[] fields = e.getValue().split("\t", 2);
                address = fields[0];
                uptime = fields.length > 1 ? Long.parseLong(fields[1]) / 1000 : -1;
            }
            nodes.add(new ClusterNodeSummary(name, address, counts.getOrDefault(name, 0), uptime,
                    name.equals(cluster.node()), name.equals(coordinator)));
        }
        return nodes;
    }

    /**
     * Nodes outside the view that the cluster still knows, by name: those whose row the
     * database keeps (they did not stop cleanly, or a partition cuts them off and they still
     * write it) and those that session records still name, with how many records: candidates
     * for {@link #remove}. Normally none.
     */
    public List<ClusterAbsentNode> absent() {
        Map<String, Integer> counts = sessionCounts();
        Map<String, NodeRegistry.Entry> rows = new HashMap<>();
        for (NodeRegistry.Entry row : registered()) {
            rows.put(row.node(), row);
        }
        Set<String> names = new TreeSet<>(counts.keySet());
        names.addAll(rows.keySet());
        names.removeAll(cluster.members());
        long now = clock.millis();
        List<ClusterAbsentNode> absent = new ArrayList<>();
        for (String name : names) {
            NodeRegistry.Entry row = rows.get(name);
            absent.add(new ClusterAbsentNode(name, counts.getOrDefault(name, 0),
                    row == null ? null : row.address(),
                    row == null ? -1 : Math.max(0, (now - row.seenMillis()) / 1000)));
        }
        return absent;
    }

    /**
     * Removes the session records of a node that is gone (as when the membership listener did
     * not run: the whole cluster was down, or the view merged).
     *
     * @param force also for a member of the view, whose records then no longer match its
     *              streams until they reconnect
     * @return how many records this call removed
     */
    public int remove(String node, boolean force) throws AdminException {
        if (node == null || node.isBlank()) {
            throw new AdminException(AdminException.Kind.INVALID_ARGUMENT, "no node name");
        }
        if (node.equals(cluster.node())) {
            throw new AdminException(AdminException.Kind.INVALID_ARGUMENT, node
                    + " is the node that received the request; ask another node");
        }
        List<String> members = cluster.members();
        boolean hasRecords = sessionCounts().containsKey(node);
        List<NodeRegistry.Entry> rows = registered();
        boolean hasRow = rows.stream().anyMatch(r -> r.node().equals(node));
        if (members.contains(node) && !force) {
            throw new AdminException(AdminException.Kind.CONFLICT, node
                    + " is a running member of the cluster; stop it first, or force the removal");
        }
        if (!members.contains(node) && !hasRecords && !hasRow) {
            Set<String> known = new TreeSet<>(members);
            known.addAll(sessionCounts().keySet());
            rows.forEach(r -> known.add(r.node()));
            throw new AdminException(AdminException.Kind.NOT_FOUND, "no node " + node
                    + " in the cluster (known nodes: " + String.join(", ", known) + ")");
        }
        int removed = cluster.purge(node);
        if (hasRow && !members.contains(node)) {
            // A running member writes its row again: only a node gone loses it
            nodes.forget(NodeRegistry.clusterName(), node);
        }
        return removed;
    }

    /** The rows of this cluster's nodes; none when the database does not answer (logged). */
    private List<NodeRegistry.Entry> registered() {
        try {
            return nodes.nodes(NodeRegistry.clusterName());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the nodes the database knows could not be read", e);
            return List.of();
        }
    }

    private Map<String, Integer> sessionCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (SessionRecord r : sessions.table().all().values()) {
            counts.merge(r.channel().node(), 1, Integer::sum);
        }
        return counts;
    }
}
