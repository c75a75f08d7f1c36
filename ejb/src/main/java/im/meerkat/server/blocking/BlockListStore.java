package im.meerkat.server.blocking;

import im.meerkat.server.account.Account;
import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Block lists in table {@code meerkat_blocklist} of the persistence unit {@code meerkat}, and in
 * the {@link BlockListCache}. Every change runs in one transaction that first locks the owner's
 * account row, so that changes to one list are serialised across nodes, and puts the new list
 * into the cache under that lock.
 */
@Stateless
public class BlockListStore {

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    @Inject
    private BlockListCache cache;

    public BlockListStore() {
    }

    /** For tests outside a container. */
    BlockListStore(EntityManager em, BlockListCache cache) {
        this.em = em;
        this.cache = cache;
    }

    /** A change: the list before and after it. */
    public record Change(BlockList before, BlockList after) {
    }

    /** The owner's list as the database has it; {@link BlockLists} caches it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BlockList load(Jid owner) {
        List<String> stored = em.createNamedQuery(BlockedJid.OF_OWNER, String.class)
                .setParameter("owner", owner.bare().toString()).getResultList();
        List<Jid> items = new ArrayList<>(stored.size());
        for (String jid : stored) {
            Jid.tryOf(jid).ifPresent(items::add);
        }
        return BlockList.of(items);
    }

    /** Adds items (XEP-0191 §4.3); those already there stay as they are. */
    public Change block(Jid owner, Collection<Jid> items) {
        BlockList before = lock(owner);
        String key = owner.bare().toString();
        List<Jid> after = new ArrayList<>(before.items());
        for (Jid item : items) {
            if (!after.contains(item)) {
                em.persist(new BlockedJid(key, item.toString()));
                after.add(item);
            }
        }
        return changed(owner, before, BlockList.of(after));
    }

    /** Removes items (XEP-0191 §4.4), or every item when none is given (§4.5). */
    public Change unblock(Jid owner, Collection<Jid> items) {
        BlockList before = lock(owner);
        String key = owner.bare().toString();
        if (items.isEmpty()) {
            em.createNamedQuery(BlockedJid.DELETE_ALL).setParameter("owner", key).executeUpdate();
            return changed(owner, before, BlockList.empty());
        }
        List<Jid> after = new ArrayList<>(before.items());
        for (Jid item : items) {
            BlockedJid stored = em.find(BlockedJid.class, new BlockedJid.Key(key, item.toString()));
            if (stored != null) {
                em.remove(stored);
            }
            after.remove(item);
        }
        return changed(owner, before, BlockList.of(after));
    }

    /** Forgets the list of a deleted account, in the deleting transaction. */
    public void delete(Jid owner) {
        em.createNamedQuery(BlockedJid.DELETE_ALL).setParameter("owner", owner.bare().toString())
                .executeUpdate();
        cache.remove(owner);
    }

    private BlockList lock(Jid owner) {
        em.find(Account.class, owner.bare().toString(), LockModeType.PESSIMISTIC_WRITE);
        return load(owner);
    }

    private Change changed(Jid owner, BlockList before, BlockList after) {
        em.flush();
        cache.put(owner, after);
        return new Change(before, after);
    }
}
