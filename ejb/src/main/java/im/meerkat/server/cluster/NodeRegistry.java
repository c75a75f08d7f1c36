package im.meerkat.server.cluster;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The nodes of each cluster that the shared database knows (table
 * {@code meerkat_cluster_nodes}), for {@code cluster-status}: a node outside the cluster view
 * whose row is still there did not stop cleanly (a crash, a partition), as CETS's RDBMS
 * discovery table shows MongooseIM's unavailable nodes. JGroups' own table (JDBC_PING) cannot
 * tell: the coordinator rewrites it at each view change.
 *
 * <p>A singleton, so that {@link NodeHeartbeat} can depend on it and delete its row as the
 * application stops; its calls run in parallel (the entity manager is per transaction).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeRegistry {

    /** A node's row: its name, client address, and when it started and last wrote the row. */
    public record Entry(String node, String address, long startedMillis, long seenMillis) {
    }

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public NodeRegistry() {
    }

    /** For tests outside a container. */
    NodeRegistry(EntityManager em) {
        this.em = em;
    }

    /** The name of this node's cluster ({@code meerkat.cluster.name}). */
    public static String clusterName() {
        return System.getProperty("meerkat.cluster.name", "meerkat");
    }

    /** This node runs: its row is written with the time now. */
    public void seen(String cluster, String node, String address, long startedMillis,
            long nowMillis) {
        NodeRow row = em.find(NodeRow.class, NodeRow.id(cluster, node));
        if (row == null) {
            row = new NodeRow(cluster, node);
            row.update(address, startedMillis, nowMillis);
            em.persist(row);
        } else {
            row.update(address, startedMillis, nowMillis);
        }
    }

    /** The node's row goes: it stopped cleanly, or an administrator removed it. */
    public boolean forget(String cluster, String node) {
        return em.createNamedQuery(NodeRow.DELETE).setParameter("cluster", cluster)
                .setParameter("node", node).executeUpdate() > 0;
    }

    /** Every node the database knows in this cluster, by name. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Entry> nodes(String cluster) {
        return em.createNamedQuery(NodeRow.OF_CLUSTER, NodeRow.class)
                .setParameter("cluster", cluster).getResultList().stream()
                .map(NodeRow::entry).toList();
    }
}
