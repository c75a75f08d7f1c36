package im.meerkat.server.lastactivity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The end of an account's last session (XEP-0012 §3), keyed by the bare JID. */
@Entity
@Table(name = "meerkat_last_activity")
@NamedQuery(name = LastLogout.DELETE, query = "DELETE FROM LastLogout l WHERE l.jid = :jid")
public class LastLogout {

    static final String DELETE = "LastLogout.delete";
    /** Status texts are short; a longer one is cut rather than refused at logout. */
    static final int MAX_STATUS_CHARS = 1024;

    @Id
    @Column(name = "jid", length = 2047)
    private String jid;

    /** Milliseconds since the epoch, a type every database stores alike. */
    @Column(name = "logout_ms", nullable = false)
    private long logoutMillis;

    @Column(name = "status", length = MAX_STATUS_CHARS)
    private String status;

    protected LastLogout() {
    }

    LastLogout(String jid) {
        this.jid = jid;
    }

    long logoutMillis() {
        return logoutMillis;
    }

    String status() {
        return status;
    }

    void update(long millis, String newStatus) {
        this.logoutMillis = millis;
        this.status = newStatus == null || newStatus.length() <= MAX_STATUS_CHARS ? newStatus
                : newStatus.substring(0, MAX_STATUS_CHARS);
    }
}
