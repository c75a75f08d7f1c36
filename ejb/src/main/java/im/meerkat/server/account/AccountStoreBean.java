package im.meerkat.server.account;

import im.meerkat.server.account.AccountException.Reason;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.sasl.Passwords;
import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramKeys;
import im.meerkat.server.sasl.ScramSettings;
import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Accounts in the relational database (persistence unit {@code meerkat}). A password is enforced
 * with OpaqueString (RFC 8265 §4.2) and turned into SCRAM-SHA-1 and SCRAM-SHA-256 keys with a
 * fresh random salt each (RFC 5802 §5.1); it is never stored.
 */
@Stateless
public class AccountStoreBean implements AccountStore, CredentialStore {

    /** RFC 5802 leaves the salt length open; 16 random octets make every salt unique. */
    private static final int SALT_OCTETS = 16;

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    @Inject
    private ServerConfig config;

    @Inject
    private ScramSettings settings;

    @Inject
    private Event<AccountDeleted> deleted;

    public AccountStoreBean() {
    }

    /** For tests outside a container. */
    AccountStoreBean(EntityManager em, ServerConfig config, ScramSettings settings) {
        this.em = em;
        this.config = config;
        this.settings = settings;
    }

    @Override
    public void create(Jid account, String password) throws AccountException {
        Jid bare = checkAccount(account);
        String prepared = checkPassword(password);
        if (em.find(Account.class, bare.toString()) != null) {
            throw alreadyExists(bare);
        }
        try {
            em.persist(new Account(bare, derive(ScramAlgorithm.SHA_1, prepared), derive(ScramAlgorithm.SHA_256, prepared)));
            em.flush();
        } catch (PersistenceException e) {
            if (isDuplicateKey(e)) {
                // Another node created it between find and flush: the primary key refused the row.
                throw alreadyExists(bare);
            }
            throw e;
        }
    }

    @Override
    public void delete(Jid account) throws AccountException {
        Jid bare = checkAccount(account);
        em.remove(find(bare));
        if (deleted != null) { // null only in tests outside a container
            deleted.fire(new AccountDeleted(bare));
        }
    }

    @Override
    public void changePassword(Jid account, String newPassword) throws AccountException {
        Jid bare = checkAccount(account);
        String prepared = checkPassword(newPassword);
        find(bare).setKeys(derive(ScramAlgorithm.SHA_1, prepared), derive(ScramAlgorithm.SHA_256, prepared));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean exists(Jid account) {
        return account != null && account.localOrNull() != null
                && em.find(Account.class, account.bare().toString()) != null;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> users(String domain) {
        String normalized = Jid.domain(domain).domain();
        return em.createNamedQuery(Account.USERS_OF_DOMAIN, String.class)
                .setParameter("domain", normalized)
                .getResultStream()
                .sorted()
                .toList();
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<ScramKeys> scramKeys(Jid account, ScramAlgorithm algorithm) {
        if (account == null || account.localOrNull() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Account.class, account.bare().toString()))
                .map(a -> a.keys(algorithm));
    }

    private Account find(Jid bare) throws AccountException {
        Account a = em.find(Account.class, bare.toString());
        if (a == null) {
            throw new AccountException(Reason.NOT_FOUND, "no user " + bare);
        }
        return a;
    }

    private static AccountException alreadyExists(Jid bare) {
        return new AccountException(Reason.EXISTS, "user " + bare + " already exists");
    }

    /** SQLSTATE class 23 is an integrity constraint violation, here the primary key (SQL:2011). */
    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private Jid checkAccount(Jid account) throws AccountException {
        if (account == null || account.localOrNull() == null) {
            throw new AccountException(Reason.INVALID, "an account needs a localpart");
        }
        if (!config.serves(account.domain())) {
            throw new AccountException(Reason.INVALID, "domain " + account.domain() + " is not served here");
        }
        return account.bare();
    }

    private static String checkPassword(String password) throws AccountException {
        return Passwords.prepare(password).orElseThrow(() -> new AccountException(Reason.INVALID,
                "the password is empty, longer than " + Passwords.MAX_OCTETS
                        + " octets, or contains characters the OpaqueString profile forbids"));
    }

    private ScramKeys derive(ScramAlgorithm algorithm, String prepared) {
        byte[] salt = new byte[SALT_OCTETS];
        random.nextBytes(salt);
        return ScramKeys.derive(algorithm, prepared, salt, settings.iterations());
    }
}
