package im.meerkat.server.lastactivity;

import im.meerkat.server.account.Account;
import im.meerkat.server.account.AccountStore;
import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Logout times in table {@code meerkat_last_activity} of the persistence unit {@code meerkat}. */
@Stateless
public class JpaLastActivityStore implements LastActivityStore {

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    @Inject
    private AccountStore accounts;

    public JpaLastActivityStore() {
    }

    /** For tests outside a container. */
    JpaLastActivityStore(EntityManager em, AccountStore accounts) {
        this.em = em;
        this.accounts = accounts;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Logout> find(Jid account) {
        return Optional.ofNullable(em.find(LastLogout.class, account.bare().toString()))
                .map(l -> new Logout(Instant.ofEpochMilli(l.logoutMillis()), l.status()));
    }

    @Override
    public void recordLogout(Jid account, Instant at, String status) {
        // The sessions of a deleted account end after its deletion: no record for them.
        if (!accounts.exists(account)) {
            return;
        }
        String key = account.bare().toString();
        // Two resources logging out at once would both insert the first row: the account row's
        // lock puts them one after the other, as the roster and offline stores do.
        em.find(Account.class, key, LockModeType.PESSIMISTIC_WRITE);
        LastLogout row = em.find(LastLogout.class, key);
        if (row == null) {
            row = new LastLogout(key);
            row.update(at.toEpochMilli(), status);
            em.persist(row);
        } else {
            row.update(at.toEpochMilli(), status);
        }
    }

    @Override
    public void delete(Jid account) {
        em.createNamedQuery(LastLogout.DELETE).setParameter("jid", account.bare().toString())
                .executeUpdate();
    }
}
