package im.meerkat.server.lastactivity;

import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Local;
import java.time.Instant;
import java.util.Optional;

/** When each account's last session ended, cluster-wide and across restarts. */
@Local
public interface LastActivityStore {

    /** The last logout of an account (bare JID), if one was recorded. */
    Optional<Logout> find(Jid account);

    /** Records a logout of an existing account; does nothing for an account that is gone. */
    void recordLogout(Jid account, Instant at, String status);

    /** Forgets the account's record. */
    void delete(Jid account);

    /**
     * One logout.
     *
     * @param at     when the session ended
     * @param status the status text of the last presence, or null
     */
    record Logout(Instant at, String status) {
    }
}
