package im.meerkat.server.roster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The roster version of one user (XEP-0237): a counter raised by every change to a visible
 * item.
 */
@Entity
@Table(name = "meerkat_roster_version")
public class RosterVersionEntity {

    @Id
    @Column(name = "owner_jid", length = 2047)
    private String owner;

    @Column(name = "roster_version", nullable = false)
    private long version;

    protected RosterVersionEntity() {
    }

    RosterVersionEntity(String owner) {
        this.owner = owner;
    }

    long version() {
        return version;
    }

    long next() {
        return ++version;
    }
}
