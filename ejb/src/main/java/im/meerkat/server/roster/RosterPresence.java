package im.meerkat.server.roster;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.offline.OfflineDelivery;
import im.meerkat.server.presence.ContactPresence;
import im.meerkat.server.routing.Delivery;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Presence with the roster (RFC 6121 §4): a user's available and unavailable presence goes to
 * the contacts with a subscription from the user (§4.2.2, §4.4.2, §4.5.2); initial presence
 * probes the contacts the user is subscribed to, which for local contacts means their resources'
 * current presence is sent at once (§4.2.3, §4.3.2), brings the subscription requests that
 * waited (§3.1.3) and then the stored messages (XEP-0160). Probes a client sends are answered
 * the same way (§4.3.2).
 */
@ApplicationScoped
public class RosterPresence implements ContactPresence {

    private RosterStore store;
    private RosterPushes pushes;
    private SubscriptionService subscriptions;
    private SessionRegistry sessions;
    private Delivery delivery;
    private ServerConfig config;
    private OfflineDelivery offline;

    /** For the container's proxy. */
    protected RosterPresence() {
    }

    @Inject
    public RosterPresence(RosterStore store, RosterPushes pushes,
            SubscriptionService subscriptions, SessionRegistry sessions, Delivery delivery,
            ServerConfig config, OfflineDelivery offline) {
        this.store = store;
        this.pushes = pushes;
        this.subscriptions = subscriptions;
        this.sessions = sessions;
        this.delivery = delivery;
        this.config = config;
        this.offline = offline;
    }

    @Override
    public void available(LocalSession session, Presence presence, Presence previous) {
        Jid owner = session.jid().bare();
        toSubscribers(session, presence);
        if (previous == null) {
            for (Jid contact : store.subscriptions(owner)) {
                if (isLocal(contact)) {
                    sendPresenceOf(contact, session);
                }
            }
            for (Jid requester : store.pendingIn(owner)) {
                session.send(SubscriptionService.plain(requester, owner, Presence.Type.SUBSCRIBE)
                        .element());
            }
        }
        // XEP-0160 §3: stored messages wait for available presence with a non-negative priority
        if (presence.priority() >= 0 && (previous == null || previous.priority() < 0)) {
            offline.deliver(session);
        }
    }

    @Override
    public void unavailable(LocalSession session, Presence presence) {
        toSubscribers(session, presence);
    }

    @Override
    public void addressed(LocalSession session, Presence presence) {
        if (presence.type() == Presence.Type.PROBE) {
            probe(session, presence.to().bare());
        } else if (presence.type() != null && presence.type().isSubscription()) {
            subscriptions.fromUser(session.jid(), presence);
        }
    }

    /** §4.3.2: a probe is answered when the prober may see the target's presence. */
    private void probe(LocalSession prober, Jid target) {
        if (!isLocal(target)) {
            return;
        }
        boolean allowed = target.equals(prober.jid().bare())
                || store.item(target, prober.jid().bare())
                        .map(i -> i.state().subscription().from()).orElse(false);
        if (allowed && !sendPresenceOf(target, prober)) {
            prober.send(Presence.builder().type(Presence.Type.UNAVAILABLE).from(target)
                    .to(prober.jid()).build().element());
        }
    }

    /** The current presence of each available resource of a local account; false if none. */
    private boolean sendPresenceOf(Jid account, LocalSession to) {
        boolean any = false;
        for (SessionRecord r : sessions.records(account)) {
            if (r.available()) {
                Jid full = account.withResource(r.resource());
                to.send(pushes.currentPresence(full, r).withAddresses(full, to.jid()).element());
                any = true;
            }
        }
        return any;
    }

    @Override
    public Set<Jid> subscribers(Jid user) {
        Set<Jid> local = new HashSet<>();
        for (Jid contact : store.subscribers(user.bare())) {
            if (isLocal(contact)) {
                local.add(contact.bare());
            }
        }
        return local;
    }

    private void toSubscribers(LocalSession session, Presence presence) {
        List<Jid> subscribers = store.subscribers(session.jid().bare());
        for (Jid contact : subscribers) {
            if (isLocal(contact)) {
                delivery.deliver(presence.withAddresses(session.jid(), contact));
            }
        }
    }

    private boolean isLocal(Jid jid) {
        return jid.localOrNull() != null && config.serves(jid.domain());
    }
}
