package im.meerkat.server.roster;

import im.meerkat.server.account.AccountStore;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Presence subscriptions between accounts (RFC 6121 §3): the user's server's side of a
 * subscription stanza (Appendix A.3), then, for a local contact, the contact's server's side
 * (Appendix A.2), each with its roster pushes and deliveries; and roster removal with the
 * cancellations it implies (§2.5.2). Stanzas to other domains change the user's side only; the
 * router answers them with {@code <remote-server-not-found/>}.
 */
@ApplicationScoped
public class SubscriptionService {

    private RosterStore store;
    private RosterPushes pushes;
    private AccountStore accounts;
    private ServerConfig config;

    /** For the container's proxy. */
    protected SubscriptionService() {
    }

    @Inject
    public SubscriptionService(RosterStore store, RosterPushes pushes, AccountStore accounts,
            ServerConfig config) {
        this.store = store;
        this.pushes = pushes;
        this.accounts = accounts;
        this.config = config;
    }

    /** A subscription stanza the user sent to {@code stanza.to()} (RFC 6121 §3.1.1 to §3.3.2). */
    public void fromUser(Jid user, Presence stanza) {
        Jid owner = user.bare();
        Jid contact = stanza.to().bare(); // §3.1.2: the user's server stamps the bare JID
        Presence.Type type = stanza.type();
        if (contact.equals(owner)) {
            return; // the implicit self-subscription needs no state (§4.2.2)
        }
        RosterStore.Change out = store.outbound(owner, contact, type);
        pushes.push(owner, out);
        if (!out.proceed() || !config.serves(contact.domain())) {
            return;
        }
        if (!accounts.exists(contact)) {
            if (type == Presence.Type.SUBSCRIBE && contact.localOrNull() != null) {
                // §3.1.3: no such contact: the request is answered with unsubscribed
                toUser(owner, contact, Presence.Type.UNSUBSCRIBED, plain(contact, owner,
                        Presence.Type.UNSUBSCRIBED));
            }
            return;
        }
        Presence routed = type == Presence.Type.SUBSCRIBE
                ? (Presence) stanza.withAddresses(owner, contact)
                : plain(owner, contact, type);
        toUser(contact, owner, type, routed);
        if (type == Presence.Type.SUBSCRIBED) {
            pushes.presenceOfResources(owner, contact, true); // §3.1.5
        } else if (type == Presence.Type.UNSUBSCRIBED) {
            pushes.presenceOfResources(owner, contact, false); // §3.2.2
        }
    }

    /**
     * A subscription stanza from {@code from} reaches the local account {@code owner}: its
     * server's side (Appendix A.2).
     */
    void toUser(Jid owner, Jid from, Presence.Type type, Presence stanza) {
        RosterStore.Change in = store.inbound(owner, from, type);
        pushes.push(owner, in);
        if (in.autoReply()) {
            // §3.1.3 and §3.4.2: the owner approved already: subscribed on the owner's behalf
            toUser(from, owner, Presence.Type.SUBSCRIBED,
                    plain(owner, from, Presence.Type.SUBSCRIBED));
            pushes.presenceOfResources(owner, from, true);
        }
        if (!in.proceed()) {
            return;
        }
        if (type == Presence.Type.SUBSCRIBE) {
            // §3.1.3: to the available resources; otherwise kept until the owner comes online
            pushes.toAvailable(owner, stanza);
        } else {
            pushes.toInterested(owner, stanza);
        }
        if (type == Presence.Type.UNSUBSCRIBE) {
            pushes.presenceOfResources(owner, from, false); // §3.3.3
        }
    }

    /**
     * Removes an item (RFC 6121 §2.5.2): a subscription in either direction is cancelled as by
     * unsubscribe and unsubscribed, which the contact's side then handles.
     *
     * @throws StanzaErrorException {@code <item-not-found/>} when the roster has no such item
     */
    public void remove(Jid user, Jid contact) throws StanzaErrorException {
        Jid owner = user.bare();
        RosterStore.Change removed = store.remove(owner, contact).orElseThrow(
                () -> new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND,
                        "no roster item for " + contact));
        pushes.push(owner, removed);
        SubscriptionState state = removed.before().state();
        Jid bare = contact.bare();
        if (!config.serves(bare.domain()) || !accounts.exists(bare)) {
            return;
        }
        if (state.subscription().to() || state.pendingOut()) {
            toUser(bare, owner, Presence.Type.UNSUBSCRIBE,
                    plain(owner, bare, Presence.Type.UNSUBSCRIBE));
        }
        if (state.subscription().from() || state.pendingIn()) {
            toUser(bare, owner, Presence.Type.UNSUBSCRIBED,
                    plain(owner, bare, Presence.Type.UNSUBSCRIBED));
            if (state.subscription().from()) {
                pushes.presenceOfResources(owner, bare, false);
            }
        }
    }

    /** Adds or updates an item (RFC 6121 §2.3.2) and pushes it. */
    public void set(Jid user, RosterSet set) {
        pushes.push(user.bare(), store.set(user.bare(), set));
    }

    static Presence plain(Jid from, Jid to, Presence.Type type) {
        return Presence.builder().type(type).from(from).to(to).build();
    }
}
