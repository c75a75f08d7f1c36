package im.meerkat.server.offline;

import im.meerkat.server.account.Account;
import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Stored messages (XEP-0160) in the database, persistence unit {@code meerkat}: at most a limit
 * per account, read in arrival order and deleted once delivered.
 */
@Stateless
public class OfflineStore {

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public OfflineStore() {
    }

    /** For tests outside a container. */
    OfflineStore(EntityManager em) {
        this.em = em;
    }

    /**
     * One stored message.
     *
     * @param id its place in the order of arrival among the account's messages
     * @param storedAt when it arrived, epoch milliseconds
     * @param stanza the message element as XML
     */
    public record Stored(long id, long storedAt, String stanza) {
    }

    /**
     * Stores a message unless the account has {@code limit} messages already. The account's
     * row is locked first, so messages arriving at once for one account are counted one after
     * the other and the limit holds exactly.
     *
     * @return false when the store of the account is full
     */
    public boolean store(Jid account, long storedAt, String stanza, int limit) {
        String owner = account.bare().toString();
        em.find(Account.class, owner, LockModeType.PESSIMISTIC_WRITE);
        if (count(account) >= limit) {
            return false;
        }
        Long last = em.createNamedQuery(OfflineMessageEntity.LAST, Long.class)
                .setParameter("owner", owner).getSingleResult();
        em.persist(new OfflineMessageEntity(owner, last == null ? 1 : last + 1, storedAt, stanza));
        return true;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count(Jid account) {
        return em.createNamedQuery(OfflineMessageEntity.COUNT, Long.class)
                .setParameter("owner", account.bare().toString()).getSingleResult();
    }

    /** The account's messages in the order they arrived. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Stored> messages(Jid account) {
        return em.createNamedQuery(OfflineMessageEntity.OF_OWNER, OfflineMessageEntity.class)
                .setParameter("owner", account.bare().toString())
                .getResultStream().map(OfflineMessageEntity::stored).toList();
    }

    /** Deletes delivered messages of an account. */
    public void delete(Jid account, List<Long> ids) {
        if (!ids.isEmpty()) {
            em.createNamedQuery(OfflineMessageEntity.DELETE_SEQS)
                    .setParameter("owner", account.bare().toString()).setParameter("seqs", ids)
                    .executeUpdate();
        }
    }

    /** Deletes every message of an account (the account was deleted). */
    public void purge(Jid account) {
        em.createNamedQuery(OfflineMessageEntity.DELETE_OWNER)
                .setParameter("owner", account.bare().toString()).executeUpdate();
    }
}
