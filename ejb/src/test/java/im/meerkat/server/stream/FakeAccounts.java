package im.meerkat.server.stream;

import im.meerkat.server.account.AccountException;
import im.meerkat.server.account.AccountStore;
import im.meerkat.server.sasl.Credentials;
import im.meerkat.server.sasl.Passwords;
import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramKeys;
import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Accounts in memory, with keys derived as the real store derives them. */
final class FakeAccounts implements AccountStore, Credentials {

    private final Map<Jid, Map<ScramAlgorithm, ScramKeys>> accounts = new TreeMap<>();

    @Override
    public void create(Jid account, String password) throws AccountException {
        if (accounts.containsKey(account.bare())) {
            throw new AccountException(AccountException.Reason.EXISTS, account + " exists");
        }
        String prepared = Passwords.prepare(password)
                .orElseThrow(() -> new AccountException(AccountException.Reason.INVALID, "bad password"));
        accounts.put(account.bare(), Map.of(
                ScramAlgorithm.SHA_1, ScramKeys.derive(ScramAlgorithm.SHA_1, prepared, new byte[] {1, 1}, 4096),
                ScramAlgorithm.SHA_256, ScramKeys.derive(ScramAlgorithm.SHA_256, prepared, new byte[] {2, 2}, 4096)));
    }

    @Override
    public void delete(Jid account) throws AccountException {
        if (accounts.remove(account.bare()) == null) {
            throw new AccountException(AccountException.Reason.NOT_FOUND, "no " + account);
        }
    }

    @Override
    public void changePassword(Jid account, String newPassword) throws AccountException {
        delete(account);
        create(account, newPassword);
    }

    @Override
    public boolean exists(Jid account) {
        return accounts.containsKey(account.bare());
    }

    @Override
    public List<String> users(String domain) {
        return accounts.keySet().stream().filter(j -> j.domain().equals(domain)).map(Jid::localOrNull).toList();
    }

    @Override
    public Optional<ScramKeys> scramKeys(Jid account, ScramAlgorithm algorithm) {
        return Optional.ofNullable(accounts.get(account.bare())).map(m -> m.get(algorithm));
    }
}
