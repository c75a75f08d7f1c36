package im.meerkat.server.iot;

import im.meerkat.xmpp.jid.Jid;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One thing in the registry (XEP-0347 §3.6): its account and node, its meta tags in canonical
 * form with their SHA-256, by which owners claim it (§3.9), and its owner once claimed.
 */
@Entity
@Table(name = "meerkat_iot_thing", indexes = @Index(name = "meerkat_iot_thing_tags",
        columnList = "tag_hash"))
@IdClass(RegisteredThing.Key.class)
@NamedQuery(name = RegisteredThing.BY_TAGS, query = "SELECT t FROM RegisteredThing t"
        + " WHERE t.tagHash = :hash AND t.owner IS NULL AND t.selfOwned = FALSE")
@NamedQuery(name = RegisteredThing.DELETE_OF_ACCOUNT,
        query = "DELETE FROM RegisteredThing t WHERE t.jid = :jid")
@NamedQuery(name = RegisteredThing.DISOWN_ALL,
        query = "UPDATE RegisteredThing t SET t.owner = NULL WHERE t.owner = :owner")
public class RegisteredThing {

    static final String BY_TAGS = "RegisteredThing.byTags";
    static final String DELETE_OF_ACCOUNT = "RegisteredThing.deleteOfAccount";
    static final String DISOWN_ALL = "RegisteredThing.disownAll";

    @Id
    @Column(name = "jid", length = 1023)
    private String jid;

    @Id
    @Column(name = "node_id", length = 255)
    private String nodeId;

    @Id
    @Column(name = "source_id", length = 255)
    private String sourceId;

    @Id
    @Column(name = "cache_type", length = 255)
    private String cacheType;

    @Lob
    @Column(name = "tags", nullable = false)
    private String tags;

    @Column(name = "tag_hash", length = 64, nullable = false)
    private String tagHash;

    @Column(name = "self_owned", nullable = false)
    private boolean selfOwned;

    @Column(name = "owner_jid", length = 1023)
    private String owner;

    protected RegisteredThing() {
    }

    RegisteredThing(Key key) {
        this.jid = key.jid;
        this.nodeId = key.nodeId;
        this.sourceId = key.sourceId;
        this.cacheType = key.cacheType;
    }

    String jid() {
        return jid;
    }

    Key key() {
        return new Key(jid, nodeId, sourceId, cacheType);
    }

    String owner() {
        return owner;
    }

    void owner(String newOwner) {
        this.owner = newOwner;
    }

    void tags(String canonical, String hash, boolean isSelfOwned) {
        this.tags = canonical;
        this.tagHash = hash;
        this.selfOwned = isSelfOwned;
    }

    /** The primary key: account and node. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String jid;
        private String nodeId;
        private String sourceId;
        private String cacheType;

        public Key() {
        }

        Key(String jid, String nodeId, String sourceId, String cacheType) {
            this.jid = jid;
            this.nodeId = nodeId;
            this.sourceId = sourceId;
            this.cacheType = cacheType;
        }

        ThingKey thing() {
            return new ThingKey(Jid.of(jid), nodeId, sourceId, cacheType);
        }

        static Key of(ThingKey thing) {
            return new Key(thing.jid().toString(), thing.nodeId(), thing.sourceId(),
                    thing.cacheType());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && jid.equals(k.jid) && nodeId.equals(k.nodeId)
                    && sourceId.equals(k.sourceId) && cacheType.equals(k.cacheType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jid, nodeId, sourceId, cacheType);
        }
    }
}
