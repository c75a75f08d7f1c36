package im.meerkat.server.offline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A message stored for an account that had no available resource (XEP-0160): the stanza as
 * XML and when it arrived. The sequence id orders an account's messages as they arrived.
 */
@Entity
@Table(name = "meerkat_offline_message",
        indexes = @Index(name = "meerkat_offline_message_owner", columnList = "owner_jid"))
@NamedQueries({
    @NamedQuery(name = OfflineMessageEntity.OF_OWNER,
            query = "SELECT m FROM OfflineMessageEntity m WHERE m.owner = :owner ORDER BY m.id"),
    @NamedQuery(name = OfflineMessageEntity.COUNT,
            query = "SELECT COUNT(m) FROM OfflineMessageEntity m WHERE m.owner = :owner"),
    @NamedQuery(name = OfflineMessageEntity.DELETE_IDS,
            query = "DELETE FROM OfflineMessageEntity m WHERE m.id IN :ids"),
    @NamedQuery(name = OfflineMessageEntity.DELETE_OWNER,
            query = "DELETE FROM OfflineMessageEntity m WHERE m.owner = :owner")
})
public class OfflineMessageEntity {

    static final String OF_OWNER = "OfflineMessage.ofOwner";
    static final String COUNT = "OfflineMessage.count";
    static final String DELETE_IDS = "OfflineMessage.deleteIds";
    static final String DELETE_OWNER = "OfflineMessage.deleteOwner";

    @Id
    @SequenceGenerator(name = "meerkat_offline_seq", sequenceName = "meerkat_offline_seq",
            allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meerkat_offline_seq")
    @Column(name = "id")
    private long id;

    @Column(name = "owner_jid", nullable = false, length = 2047)
    private String owner;

    @Column(name = "stored_at", nullable = false)
    private long storedAt;

    @Lob
    @Column(name = "stanza", nullable = false)
    private String stanza;

    protected OfflineMessageEntity() {
    }

    OfflineMessageEntity(String owner, long storedAt, String stanza) {
        this.owner = owner;
        this.storedAt = storedAt;
        this.stanza = stanza;
    }

    OfflineStore.Stored stored() {
        return new OfflineStore.Stored(id, storedAt, stanza);
    }
}
