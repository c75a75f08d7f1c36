package im.meerkat.server.pep;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One published item of a PEP node (XEP-0060 §7.1), keyed by owner, node and item id, with its
 * publication time and payload as XML text.
 */
@Entity
@Table(name = "meerkat_pep_item")
@IdClass(PepItem.Key.class)
@NamedQuery(name = PepItem.OF_NODE, query = "SELECT i FROM PepItem i WHERE i.owner = :owner"
        + " AND i.node = :node ORDER BY i.published DESC, i.itemId")
@NamedQuery(name = PepItem.DELETE_NODE,
        query = "DELETE FROM PepItem i WHERE i.owner = :owner AND i.node = :node")
@NamedQuery(name = PepItem.DELETE_OWNER, query = "DELETE FROM PepItem i WHERE i.owner = :owner")
public class PepItem {

    static final String OF_NODE = "PepItem.ofNode";
    static final String DELETE_NODE = "PepItem.deleteNode";
    static final String DELETE_OWNER = "PepItem.deleteOwner";

    @Id
    @Column(name = "owner", length = 2047)
    private String owner;

    @Id
    @Column(name = "node", length = PepStore.MAX_NAME_CHARS)
    private String node;

    @Id
    @Column(name = "item_id", length = PepStore.MAX_NAME_CHARS)
    private String itemId;

    @Column(name = "published", nullable = false)
    private long published;

    /** The full JID of the publishing resource. */
    @Column(name = "publisher", length = 3071, nullable = false)
    private String publisher;

    @Lob
    @Column(name = "payload", nullable = false)
    private String payload;

    protected PepItem() {
    }

    PepItem(String owner, String node, String itemId) {
        this.owner = owner;
        this.node = node;
        this.itemId = itemId;
    }

    void set(long newPublished, String newPublisher, String newPayload) {
        this.published = newPublished;
        this.publisher = newPublisher;
        this.payload = newPayload;
    }

    StoredItem toStored() {
        return new StoredItem(itemId, published, publisher, payload);
    }

    /** The primary key: owner, node, item id. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String owner;
        private String node;
        private String itemId;

        public Key() {
        }

        Key(String owner, String node, String itemId) {
            this.owner = owner;
            this.node = node;
            this.itemId = itemId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && owner.equals(k.owner) && node.equals(k.node)
                    && itemId.equals(k.itemId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, node, itemId);
        }
    }
}
