package im.meerkat.server.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A node that runs, or ran, in a cluster on this database, as {@link NodeRegistry} keeps it:
 * written by the node itself at its start and every few seconds while it runs, deleted when it
 * stops cleanly or when an administrator removes it from the cluster.
 */
@Entity
@Table(name = "meerkat_cluster_nodes")
@NamedQuery(name = NodeRow.OF_CLUSTER,
        query = "SELECT n FROM NodeRow n WHERE n.cluster = :cluster ORDER BY n.node")
@NamedQuery(name = NodeRow.DELETE,
        query = "DELETE FROM NodeRow n WHERE n.cluster = :cluster AND n.node = :node")
public class NodeRow {

    static final String OF_CLUSTER = "NodeRow.ofCluster";
    static final String DELETE = "NodeRow.delete";

    /** The cluster name and the node name, with a tab between them. */
    @Id
    @Column(name = "id", length = 511)
    private String id;

    @Column(name = "cluster_name", length = 255, nullable = false)
    private String cluster;

    @Column(name = "node_name", length = 255, nullable = false)
    private String node;

    /** The node's XMPP client address, {@code host:port}. */
    @Column(name = "address", length = 511)
    private String address;

    /** Milliseconds since the epoch, a type every database stores alike. */
    @Column(name = "started_ms", nullable = false)
    private long startedMillis;

    @Column(name = "seen_ms", nullable = false)
    private long seenMillis;

    protected NodeRow() {
    }

    NodeRow(String cluster, String node) {
        this.id = id(cluster, node);
        this.cluster = cluster;
        this.node = node;
    }

    static String id(String cluster, String node) {
        return cluster + '\t' + node;
    }

    void update(String newAddress, long started, long seen) {
        this.address = newAddress;
        this.startedMillis = started;
        this.seenMillis = seen;
    }

    NodeRegistry.Entry entry() {
        return new NodeRegistry.Entry(node, address, startedMillis, seenMillis);
    }
}
