package im.meerkat.server.pep;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One entity's relation to a node of the PubSub service (XEP-0060 §4.1, §4.2): its affiliation
 * ({@code owner} or {@code publisher}; none when absent) and, when it is subscribed, its
 * subscription id. Keyed by service, node and the entity's JID as it subscribed or was affiliated.
 */
@Entity
@Table(name = "meerkat_pubsub_member")
@IdClass(ServiceMember.Key.class)
@NamedQuery(name = ServiceMember.OF_NODE,
        query = "SELECT m FROM ServiceMember m WHERE m.service = :service AND m.node = :node"
                + " ORDER BY m.jid")
@NamedQuery(name = ServiceMember.OF_JID,
        query = "SELECT m FROM ServiceMember m WHERE m.service = :service AND m.jid IN :jids"
                + " ORDER BY m.node")
@NamedQuery(name = ServiceMember.DELETE_NODE,
        query = "DELETE FROM ServiceMember m WHERE m.service = :service AND m.node = :node")
public class ServiceMember {

    static final String OF_NODE = "ServiceMember.ofNode";
    static final String OF_JID = "ServiceMember.ofJid";
    static final String DELETE_NODE = "ServiceMember.deleteNode";

    @Id
    @Column(name = "service", length = 1023)
    private String service;

    @Id
    @Column(name = "node", length = PepStore.MAX_NAME_CHARS)
    private String node;

    @Id
    @Column(name = "jid", length = 3071)
    private String jid;

    /** {@code owner}, {@code publisher} or null (none). */
    @Column(name = "affiliation", length = 16)
    private String affiliation;

    /** The subscription id (XEP-0060 §6.1.6), null when not subscribed. */
    @Column(name = "subid", length = 64)
    private String subid;

    protected ServiceMember() {
    }

    ServiceMember(String service, String node, String jid) {
        this.service = service;
        this.node = node;
        this.jid = jid;
    }

    String node() {
        return node;
    }

    String jid() {
        return jid;
    }

    String affiliation() {
        return affiliation;
    }

    void affiliation(String newAffiliation) {
        this.affiliation = newAffiliation;
    }

    String subid() {
        return subid;
    }

    void subid(String newSubid) {
        this.subid = newSubid;
    }

    boolean isEmpty() {
        return affiliation == null && subid == null;
    }

    /** The primary key: service, node, JID. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String service;
        private String node;
        private String jid;

        public Key() {
        }

        Key(String service, String node, String jid) {
            this.service = service;
            this.node = node;
            this.jid = jid;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && service.equals(k.service) && node.equals(k.node)
                    && jid.equals(k.jid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(service, node, jid);
        }
    }
}
