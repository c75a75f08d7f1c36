package im.meerkat.server.routing;

import im.meerkat.server.account.AccountException;
import im.meerkat.server.account.AccountStore;
import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Accounts in memory, with the contract of {@link AccountStore}. */
public final class FakeAccountStore implements AccountStore {

    private final Map<Jid, String> passwords = new TreeMap<>();

    @Override
    public synchronized void create(Jid account, String password) throws AccountException {
        if (passwords.containsKey(account.bare())) {
            throw new AccountException(AccountException.Reason.EXISTS, account + " exists");
        }
        passwords.put(account.bare(), password);
    }

    @Override
    public synchronized void delete(Jid account) throws AccountException {
        if (passwords.remove(account.bare()) == null) {
            throw new AccountException(AccountException.Reason.NOT_FOUND, "no " + account);
        }
    }

    @Override
    public synchronized void changePassword(Jid account, String newPassword)
            throws AccountException {
        if (!passwords.containsKey(account.bare())) {
            throw new AccountException(AccountException.Reason.NOT_FOUND, "no " + account);
        }
        passwords.put(account.bare(), newPassword);
    }

    @Override
    public synchronized boolean exists(Jid account) {
        return passwords.containsKey(account.bare());
    }

    @Override
    public synchronized List<String> users(String domain) {
        return passwords.keySet().stream().filter(j -> j.domain().equals(domain))
                .map(Jid::localOrNull).toList();
    }

    public synchronized String password(Jid account) {
        return passwords.get(account.bare());
    }
}
