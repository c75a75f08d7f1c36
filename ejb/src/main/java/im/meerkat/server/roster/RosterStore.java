package im.meerkat.server.roster;

import im.meerkat.server.account.Account;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rosters in the database (persistence unit {@code meerkat}): items, subscription states and the
 * per-user version of XEP-0237. Every change runs in one transaction that first locks the
 * owner's account row, so changes to one roster are serialised across nodes and each visible
 * change gets its own version number. Notifications (pushes, presence) are the callers' work,
 * after the transaction has committed.
 */
@Stateless
public class RosterStore {

    private static final List<String> FROM = List.of("from", "both");
    private static final List<String> TO = List.of("to", "both");

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public RosterStore() {
    }

    /** For tests outside a container. */
    RosterStore(EntityManager em) {
        this.em = em;
    }

    /** A roster as the user sees it: visible items by JID, and its version. */
    public record Roster(List<RosterItem> items, long version) {
    }

    /**
     * The outcome of a change.
     *
     * @param before the item before, or null
     * @param after the item after, or null when it is gone
     * @param version the roster version after the change
     * @param proceed for a subscription stanza: route it on (outbound) or deliver it (inbound)
     * @param autoReply for an inbound subscribe: answer {@code subscribed} for the owner
     */
    public record Change(RosterItem before, RosterItem after, long version, boolean proceed,
            boolean autoReply) {

        /** Whether the user sees a difference, which is pushed (RFC 6121 §2.1.6). */
        public boolean pushed() {
            boolean wasShown = before != null && before.visible();
            boolean isShown = after != null && after.visible();
            return (wasShown || isShown) && !Objects.equals(before, after);
        }
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Roster roster(Jid owner) {
        List<RosterItem> items = em.createNamedQuery(RosterItemEntity.OF_OWNER,
                        RosterItemEntity.class)
                .setParameter("owner", owner.bare().toString())
                .getResultStream().map(RosterItemEntity::item).filter(RosterItem::visible)
                .toList();
        return new Roster(items, version(owner));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long version(Jid owner) {
        RosterVersionEntity v = em.find(RosterVersionEntity.class, owner.bare().toString());
        return v == null ? 0 : v.version();
    }

    /** The stored entry for a contact, visible or not. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<RosterItem> item(Jid owner, Jid contact) {
        return Optional.ofNullable(find(owner, contact)).map(RosterItemEntity::item);
    }

    /** Adds or updates an item (RFC 6121 §2.3.2); the subscription state stays. */
    public Change set(Jid owner, RosterSet set) {
        RosterVersionEntity version = lock(owner);
        RosterItemEntity entity = find(owner, set.contact());
        RosterItem before = entity == null ? null : entity.item();
        SubscriptionState state = before == null ? SubscriptionState.NONE : before.state();
        RosterItem after = new RosterItem(set.contact(), set.name(), set.groups(), state, true);
        return save(owner, version, entity, before, after, false, false);
    }

    /** Removes a visible item (RFC 6121 §2.5.2); empty when the roster has none. */
    public Optional<Change> remove(Jid owner, Jid contact) {
        RosterVersionEntity version = lock(owner);
        RosterItemEntity entity = find(owner, contact);
        if (entity == null || !entity.item().visible()) {
            return Optional.empty();
        }
        RosterItem before = entity.item();
        em.remove(entity);
        return Optional.of(new Change(before, null, version.next(), false, false));
    }

    /** The owner sends a subscription stanza to the contact (RFC 6121 Appendix A.3). */
    public Change outbound(Jid owner, Jid contact, Presence.Type type) {
        RosterVersionEntity version = lock(owner);
        RosterItemEntity entity = find(owner, contact);
        RosterItem before = entity == null ? null : entity.item();
        RosterItem item = before == null ? RosterItem.empty(contact, false) : before;
        SubscriptionState.Outbound o = item.state().outbound(type);
        RosterItem after = item.withState(o.state());
        boolean changed = !o.state().equals(item.state());
        // §3.1.2, §3.1.5, §3.4.1: asking, approving and pre-approving put the contact on the roster
        if (type == Presence.Type.SUBSCRIBE || (type == Presence.Type.SUBSCRIBED && changed)) {
            after = after.shown();
        }
        return save(owner, version, entity, before, after, o.route(), false);
    }

    /** A subscription stanza from the contact reaches the owner (RFC 6121 Appendix A.2). */
    public Change inbound(Jid owner, Jid contact, Presence.Type type) {
        RosterVersionEntity version = lock(owner);
        RosterItemEntity entity = find(owner, contact);
        RosterItem before = entity == null ? null : entity.item();
        RosterItem item = before == null ? RosterItem.empty(contact, false) : before;
        SubscriptionState.Inbound in = item.state().inbound(type);
        return save(owner, version, entity, before, item.withState(in.state()), in.deliver(),
                in.autoReply());
    }

    private Change save(Jid owner, RosterVersionEntity version, RosterItemEntity entity,
            RosterItem before, RosterItem after, boolean proceed, boolean autoReply) {
        RosterItem kept = after;
        if (!after.visible() && after.state().isEmpty()) {
            kept = null; // a hidden entry that remembers nothing is not kept
        }
        if (kept == null && entity != null) {
            em.remove(entity);
        } else if (kept != null && entity == null) {
            em.persist(new RosterItemEntity(owner.bare(), kept));
        } else if (kept != null) {
            entity.set(kept);
        }
        Change change = new Change(before, kept, version.version(), proceed, autoReply);
        if (change.pushed()) {
            change = new Change(before, kept, version.next(), proceed, autoReply);
        }
        return change;
    }

    /** Contacts that receive the owner's presence (subscription from or both). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Jid> subscribers(Jid owner) {
        return contacts(owner, FROM);
    }

    /** Contacts whose presence the owner receives (subscription to or both). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Jid> subscriptions(Jid owner) {
        return contacts(owner, TO);
    }

    private List<Jid> contacts(Jid owner, List<String> states) {
        return em.createNamedQuery(RosterItemEntity.WITH_SUBSCRIPTION, String.class)
                .setParameter("owner", owner.bare().toString())
                .setParameter("subscriptions", states)
                .getResultStream().map(Jid::of).toList();
    }

    /** Contacts whose subscription request the owner has not answered (RFC 6121 §3.1.3). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Jid> pendingIn(Jid owner) {
        return em.createNamedQuery(RosterItemEntity.PENDING_IN, String.class)
                .setParameter("owner", owner.bare().toString())
                .getResultStream().map(Jid::of).toList();
    }

    /**
     * Forgets a deleted account: its roster and version, and the requests it left pending on
     * other rosters.
     */
    public void purge(Jid account) {
        String bare = account.bare().toString();
        em.createNamedQuery(RosterItemEntity.DELETE_OWNER).setParameter("owner", bare)
                .executeUpdate();
        em.createNamedQuery(RosterItemEntity.DELETE_HIDDEN_OF_CONTACT)
                .setParameter("contact", bare).executeUpdate();
        RosterVersionEntity v = em.find(RosterVersionEntity.class, bare);
        if (v != null) {
            em.remove(v);
        }
    }

    private RosterItemEntity find(Jid owner, Jid contact) {
        return em.find(RosterItemEntity.class, new RosterItemEntity.Key(owner.bare(), contact));
    }

    /**
     * Serialises the writers of one roster on the owner's account row, which exists before any
     * roster does: locking the version row alone would let two first changes both insert it.
     */
    private RosterVersionEntity lock(Jid owner) {
        String bare = owner.bare().toString();
        em.find(Account.class, bare, LockModeType.PESSIMISTIC_WRITE);
        RosterVersionEntity v = em.find(RosterVersionEntity.class, bare);
        if (v == null) {
            v = new RosterVersionEntity(bare);
            em.persist(v);
            em.flush();
        }
        return v;
    }
}
