package im.meerkat.server.blocking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One item of a user's block list (XEP-0191), keyed by the owner's bare JID and the blocked JID. */
@Entity
@Table(name = "meerkat_blocklist")
@IdClass(BlockedJid.Key.class)
@NamedQuery(name = BlockedJid.OF_OWNER,
        query = "SELECT b.jid FROM BlockedJid b WHERE b.owner = :owner")
@NamedQuery(name = BlockedJid.DELETE_ALL, query = "DELETE FROM BlockedJid b WHERE b.owner = :owner")
public class BlockedJid {

    static final String OF_OWNER = "BlockedJid.ofOwner";
    static final String DELETE_ALL = "BlockedJid.deleteAll";

    @Id
    @Column(name = "owner", length = 2047)
    private String owner;

    /** Up to three parts of 1023 bytes each and two separators (RFC 7622 §3.1). */
    @Id
    @Column(name = "jid", length = 3071)
    private String jid;

    protected BlockedJid() {
    }

    BlockedJid(String owner, String jid) {
        this.owner = owner;
        this.jid = jid;
    }

    /** The primary key: owner and blocked JID. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String owner;
        private String jid;

        public Key() {
        }

        Key(String owner, String jid) {
            this.owner = owner;
            this.jid = jid;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && owner.equals(k.owner) && jid.equals(k.jid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, jid);
        }
    }
}
