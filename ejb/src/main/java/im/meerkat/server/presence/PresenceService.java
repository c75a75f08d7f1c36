package im.meerkat.server.presence;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.routing.Delivery;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionObserver;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A user's own presence (RFC 6121 §4): initial presence, updates and unavailable presence
 * broadcast to the user's available resources (the implicit self-subscription of §4.2.2,
 * §4.4.2 and §4.5.2), directed presence (§4.6) and the unavailable presence its targets receive
 * when the session goes unavailable or ends. What depends on the roster (contacts, subscriptions,
 * probes) goes to the {@link ContactPresence} bean when there is one.
 */
@ApplicationScoped
public class PresenceService implements SessionObserver {

    private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());

    private SessionRegistry sessions;
    private Delivery delivery;
    private ServerConfig config;
    private ContactPresence contacts;
    private Iterable<PresenceObserver> observers = List.of();

    /** For the container's proxy. */
    protected PresenceService() {
    }

    /** For tests: without a roster. */
    public PresenceService(SessionRegistry sessions, Delivery delivery, ServerConfig config) {
        this(sessions, delivery, config, (ContactPresence) null);
    }

    @Inject
    public PresenceService(SessionRegistry sessions, Delivery delivery, ServerConfig config,
            Instance<ContactPresence> contacts) {
        this(sessions, delivery, config, contacts.isResolvable() ? contacts.get() : null);
    }

    /** For tests: with any roster part, or none (null). */
    public PresenceService(SessionRegistry sessions, Delivery delivery, ServerConfig config,
            ContactPresence contacts) {
        this.sessions = sessions;
        this.delivery = delivery;
        this.config = config;
        this.contacts = contacts;
    }

    /** Beans told of available presence (entity capabilities). */
    @Inject
    public void useObservers(@Any Instance<PresenceObserver> presenceObservers) {
        this.observers = presenceObservers;
    }

    /** A subscription stanza or probe with a {@code to} (RFC 6121 §3, §4.3); dropped without a roster. */
    public void addressed(LocalSession sender, Presence presence) {
        if (contacts != null) {
            contacts.addressed(sender, presence);
        }
    }

    /** Presence without {@code to} (RFC 6121 §4.2.2, §4.4.2, §4.5.2). */
    public void broadcast(LocalSession sender, Presence presence) {
        if (presence.type() == Presence.Type.AVAILABLE) {
            available(sender, presence);
        } else if (presence.type() == Presence.Type.UNAVAILABLE) {
            unavailable(sender, presence);
        } else {
            // Subscription states and probes need an addressee; an error has none to answer.
            LOG.log(Level.FINE, "presence of type {0} without 'to' from {1} dropped",
                    new Object[] {presence.typeAttribute(), sender.jid()});
        }
    }

    /**
     * After a partition heals (docs/CLUSTER.md, "Partitions and merge"): the session's available
     * presence, broadcast once already, again to those of the given resources that its broadcast
     * goes to (§4.2.2, §4.4.2: the user's other resources and contacts subscribed to the user),
     * because their records were not in the table when it went out.
     *
     * @param resources full JIDs by account (bare JID)
     * @return how many resources it was sent to
     */
    public int resend(LocalSession sender, Presence last, Map<Jid, List<Jid>> resources) {
        Presence stored = last.withTo(null);
        Jid user = sender.jid().bare();
        Set<Jid> accounts = new HashSet<>();
        accounts.add(user);
        if (contacts != null) {
            accounts.addAll(contacts.subscribers(user));
        }
        int sent = 0;
        for (Jid account : accounts) {
            for (Jid to : resources.getOrDefault(account, List.of())) {
                if (to.equals(sender.jid())) {
                    continue;
                }
                if (account.equals(user)) {
                    delivery.toSession(to, stored.withAddresses(sender.jid(), to));
                } else {
                    // As the broadcast to contacts goes: through the filters (block lists)
                    delivery.deliver(stored.withAddresses(sender.jid(), to));
                }
                sent++;
            }
        }
        return sent;
    }

    private void available(LocalSession sender, Presence presence) {
        Presence previous = sender.presence();
        // XEP-0160 §3: stored messages go out now (RosterPresence); what is routed to the
        // session from the moment it is available waits until they have
        boolean flushes = presence.priority() >= 0
                && (previous == null || previous.priority() < 0);
        if (flushes) {
            sender.holdLive();
        }
        try {
            broadcastAvailable(sender, presence, previous);
        } finally {
            if (flushes) {
                sender.releaseLive();
            }
        }
    }

    private void broadcastAvailable(LocalSession sender, Presence presence, Presence previous) {
        boolean initial = previous == null;
        Presence stored = presence.withTo(null);
        sender.presence(stored);
        sessions.presenceChanged(sender, stored);
        // §4.2.2 and §4.4.2: to every available resource of the user, the sender's own included
        for (SessionRecord r : sessions.records(sender.jid())) {
            if (r.available()) {
                Jid to = sender.jid().withResource(r.resource());
                delivery.toSession(to, stored.withTo(to));
            }
        }
        if (initial) {
            sendOwnResourcesTo(sender);
        }
        if (contacts != null) {
            contacts.available(sender, stored, previous);
        }
        for (PresenceObserver o : observers) {
            o.available(sender, stored, previous);
        }
    }

    /** The new resource learns the presence of the user's other available resources (§4.3.2). */
    private void sendOwnResourcesTo(LocalSession sender) {
        for (SessionRecord r : sessions.records(sender.jid())) {
            Jid from = sender.jid().withResource(r.resource());
            if (!r.available() || from.equals(sender.jid())) {
                continue;
            }
            sender.send(sessions.currentPresence(from, r).withAddresses(from, sender.jid())
                    .element());
        }
    }

    private void unavailable(LocalSession sender, Presence presence) {
        boolean wasAvailable = sender.available();
        Presence stored = presence.withTo(null);
        sender.presence(null);
        sessions.presenceChanged(sender, null);
        if (wasAvailable) {
            toOtherResources(sender, stored); // §4.5.2
            if (contacts != null) {
                contacts.unavailable(sender, stored);
            }
        }
        toDirectedTargets(sender, stored); // §4.6.3
    }

    /**
     * Tracks directed presence (RFC 6121 §4.6.2): an available presence to an entity adds it to
     * those told when the session goes unavailable, an unavailable one removes it.
     */
    public void directed(LocalSession sender, Presence presence) {
        if (presence.type() == Presence.Type.AVAILABLE) {
            sender.directedAvailable(presence.to());
        } else if (presence.type() == Presence.Type.UNAVAILABLE) {
            sender.directedUnavailable(presence.to());
        }
    }

    /** The session is over: unavailable presence to where available presence went (§4.5.2, §4.6.3). */
    @Override
    public void ended(LocalSession session) {
        Presence unavailable = Presence.builder().type(Presence.Type.UNAVAILABLE)
                .from(session.jid()).build();
        if (session.available()) {
            session.presence(null);
            toOtherResources(session, unavailable);
            if (contacts != null) {
                contacts.unavailable(session, unavailable);
            }
        }
        toDirectedTargets(session, unavailable);
    }

    private void toOtherResources(LocalSession sender, Presence presence) {
        for (SessionRecord r : sessions.records(sender.jid())) {
            Jid to = sender.jid().withResource(r.resource());
            if (r.available() && !to.equals(sender.jid())) {
                delivery.toSession(to, presence.withTo(to));
            }
        }
    }

    private void toDirectedTargets(LocalSession sender, Presence presence) {
        for (Jid target : sender.directedPresenceTargets()) {
            if (target.localOrNull() != null && config.serves(target.domain())) {
                delivery.deliver(presence.withTo(target));
            } else {
                // Remote domains need server-to-server streams, which do not exist yet.
                LOG.log(Level.FINE, "unavailable presence to {0} not sent (not local)", target);
            }
        }
        sender.clearDirected();
    }
}
