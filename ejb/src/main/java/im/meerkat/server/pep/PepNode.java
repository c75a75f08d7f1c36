package im.meerkat.server.pep;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One PEP node (XEP-0163) of one account, keyed by the owner's bare JID and the node name. */
@Entity
@Table(name = "meerkat_pep_node")
@IdClass(PepNode.Key.class)
@NamedQuery(name = PepNode.OF_OWNER,
        query = "SELECT n FROM PepNode n WHERE n.owner = :owner ORDER BY n.node")
@NamedQuery(name = PepNode.OF_OWNERS,
        query = "SELECT n FROM PepNode n WHERE n.owner IN :owners AND n.node IN :nodes")
@NamedQuery(name = PepNode.DELETE_OWNER, query = "DELETE FROM PepNode n WHERE n.owner = :owner")
public class PepNode {

    static final String OF_OWNER = "PepNode.ofOwner";
    static final String OF_OWNERS = "PepNode.ofOwners";
    static final String DELETE_OWNER = "PepNode.deleteOwner";

    @Id
    @Column(name = "owner", length = 2047)
    private String owner;

    @Id
    @Column(name = "node", length = PepStore.MAX_NAME_CHARS)
    private String node;

    @Column(name = "access_model", length = 16, nullable = false)
    private String accessModel;

    @Column(name = "persist_items", nullable = false)
    private boolean persistItems;

    @Column(name = "max_items", nullable = false)
    private int maxItems;

    @Column(name = "send_last", length = 32, nullable = false)
    private String sendLast;

    @Column(name = "notify_retract", nullable = false)
    private boolean notifyRetract;

    /** False for a notification-only node of the PubSub service; PEP nodes are all true. */
    @Column(name = "deliver_payloads")
    private Boolean deliverPayloads;

    /** When the newest item was published, milliseconds since the epoch; 0 before any. */
    @Column(name = "last_published", nullable = false)
    private long lastPublished;

    protected PepNode() {
    }

    PepNode(String owner, String node, NodeConfig config) {
        this.owner = owner;
        this.node = node;
        configure(config);
    }

    String owner() {
        return owner;
    }

    String node() {
        return node;
    }

    NodeConfig config() {
        return new NodeConfig(AccessModel.valueOf(accessModel), persistItems, maxItems,
                SendLastPublished.valueOf(sendLast), notifyRetract,
                deliverPayloads == null || deliverPayloads);
    }

    void configure(NodeConfig config) {
        this.accessModel = config.access().name();
        this.persistItems = config.persistItems();
        this.maxItems = config.maxItems();
        this.sendLast = config.sendLast().name();
        this.notifyRetract = config.notifyRetract();
        this.deliverPayloads = config.deliverPayloads();
    }

    /** A publication time after every earlier one of this node (the newest item is the last). */
    long nextPublished(long now) {
        lastPublished = Math.max(now, lastPublished + 1);
        return lastPublished;
    }

    /** The primary key: owner, node. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String owner;
        private String node;

        public Key() {
        }

        Key(String owner, String node) {
            this.owner = owner;
            this.node = node;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && owner.equals(k.owner) && node.equals(k.node);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, node);
        }
    }
}
