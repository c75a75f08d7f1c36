package im.meerkat.server.offline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A message stored for an account that had no available resource (XEP-0160): the stanza as
 * XML and when it arrived, keyed by the account and a number that orders its messages as they
 * arrived. The number is the account's highest plus one, taken under the lock of the account
 * row ({@link OfflineStore#store}); a natural key needs no database sequence, whose creation
 * EclipseLink repeats at deployment and which PostgreSQL then refuses inside the transaction.
 */
@Entity
@Table(name = "meerkat_offline_message")
@IdClass(OfflineMessageEntity.Key.class)
@NamedQueries({
    @NamedQuery(name = OfflineMessageEntity.OF_OWNER,
            query = "SELECT m FROM OfflineMessageEntity m WHERE m.owner = :owner ORDER BY m.seq"),
    @NamedQuery(name = OfflineMessageEntity.COUNT,
            query = "SELECT COUNT(m) FROM OfflineMessageEntity m WHERE m.owner = :owner"),
    @NamedQuery(name = OfflineMessageEntity.LAST,
            query = "SELECT MAX(m.seq) FROM OfflineMessageEntity m WHERE m.owner = :owner"),
    @NamedQuery(name = OfflineMessageEntity.DELETE_SEQS,
            query = "DELETE FROM OfflineMessageEntity m WHERE m.owner = :owner AND m.seq IN :seqs"),
    @NamedQuery(name = OfflineMessageEntity.DELETE_OWNER,
            query = "DELETE FROM OfflineMessageEntity m WHERE m.owner = :owner")
})
public class OfflineMessageEntity {

    static final String OF_OWNER = "OfflineMessage.ofOwner";
    static final String COUNT = "OfflineMessage.count";
    static final String LAST = "OfflineMessage.last";
    static final String DELETE_SEQS = "OfflineMessage.deleteSeqs";
    static final String DELETE_OWNER = "OfflineMessage.deleteOwner";

    @Id
    @Column(name = "owner_jid", length = 2047)
    private String owner;

    @Id
    @Column(name = "seq")
    private long seq;

    @Column(name = "stored_at", nullable = false)
    private long storedAt;

    @Lob
    @Column(name = "stanza", nullable = false)
    private String stanza;

    protected OfflineMessageEntity() {
    }

    OfflineMessageEntity(String owner, long seq, long storedAt, String stanza) {
        this.owner = owner;
        this.seq = seq;
        this.storedAt = storedAt;
        this.stanza = stanza;
    }

    OfflineStore.Stored stored() {
        return new OfflineStore.Stored(seq, storedAt, stanza);
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String owner;
        private long seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.owner.equals(owner) && k.seq == seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, seq);
        }
    }
}
