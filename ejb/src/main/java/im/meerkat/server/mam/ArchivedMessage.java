package im.meerkat.server.mam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * One archived message in one account's archive (XEP-0313 §3): the owner's copy, so a chat
 * between two local accounts has two rows. The id sorts by time ({@link ArchiveIds}), so the
 * index on owner and id serves paging and time ranges alike; the index on owner, peer and id
 * serves the {@code with} filter. The stanza is stored once, as its XML text. Rows are written
 * by {@link ArchiveWriter} with plain JDBC; this entity makes EclipseLink create the table.
 */
@Entity
@Table(name = ArchivedMessage.TABLE, indexes = {
        @Index(name = "meerkat_mam_owner_id", columnList = "owner, id"),
        @Index(name = "meerkat_mam_owner_peer_id", columnList = "owner, peer, id")})
public class ArchivedMessage {

    static final String TABLE = "meerkat_mam";

    /** Assigned in Java, never by IDENTITY or a SEQUENCE (see {@link ArchiveIds}). */
    @Id
    @Column(name = "id")
    private long id;

    /** Bare JID of the account whose archive this is. */
    @Column(name = "owner", length = 1023, nullable = false)
    private String owner;

    /** Bare JID of the other party. */
    @Column(name = "peer", length = 1023, nullable = false)
    private String peer;

    /** Resource of the other party, when known: for {@code with} a full JID. */
    @Column(name = "peer_resource", length = 1023)
    private String peerResource;

    @Lob
    @Column(name = "xml", nullable = false)
    private String xml;

    protected ArchivedMessage() {
    }
}
