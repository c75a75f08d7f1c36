package im.meerkat.server.account;

import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Local;
import java.util.List;

/**
 * Accounts of the domains this server serves, keyed by bare JID. Passwords are turned into SCRAM
 * salted keys on the way in and never stored (architecture invariant 10).
 */
@Local
public interface AccountStore {

    /** @throws AccountException with {@link AccountException.Reason#EXISTS} if the account exists */
    void create(Jid account, String password) throws AccountException;

    /** @throws AccountException with {@link AccountException.Reason#NOT_FOUND} if there is none */
    void delete(Jid account) throws AccountException;

    /** @throws AccountException with {@link AccountException.Reason#NOT_FOUND} if there is none */
    void changePassword(Jid account, String newPassword) throws AccountException;

    boolean exists(Jid account);

    /** Local parts of the accounts of one domain, sorted. */
    List<String> users(String domain);
}
