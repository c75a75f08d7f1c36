package im.meerkat.server.cluster;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.ClusterNodeSummary;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cluster verbs of the admin API (docs/CLUSTER.md): the status of every running node, and
 * the removal of a dead node's session records, which refuses a live node unless forced and an
 * unknown node always.
 */
@ApplicationScoped
public class ClusterAdministration {

    private ClusterService cluster;
    private SessionRegistry sessions;

    /** For the container's proxy. */
    protected ClusterAdministration() {
    }

    @Inject
    public ClusterAdministration(ClusterService cluster, SessionRegistry sessions) {
        this.cluster = cluster;
        this.sessions = sessions;
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
     * Nodes outside the view that session records still name (the table is the database of
     * sessions), with how many records: candidates for {@link #remove}. Normally none.
     */
    public Map<String, Integer> absent() {
        Map<String, Integer> absent = new TreeMap<>(sessionCounts());
        absent.keySet().removeAll(cluster.members());
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
        if (members.contains(node) && !force) {
            throw new AdminException(AdminException.Kind.CONFLICT, node
                    + " is a running member of the cluster; stop it first, or force the removal");
        }
        if (!members.contains(node) && !hasRecords) {
            Set<String> known = new TreeSet<>(members);
            known.addAll(sessionCounts().keySet());
            throw new AdminException(AdminException.Kind.NOT_FOUND, "no node " + node
                    + " in the cluster (known nodes: " + String.join(", ", known) + ")");
        }
        return cluster.purge(node);
    }

    private Map<String, Integer> sessionCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (SessionRecord r : sessions.table().all().values()) {
            counts.merge(r.channel().node(), 1, Integer::sum);
        }
        return counts;
    }
}
