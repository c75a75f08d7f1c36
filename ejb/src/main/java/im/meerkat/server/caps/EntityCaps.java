package im.meerkat.server.caps;

import im.meerkat.server.presence.PresenceObserver;
import im.meerkat.server.iq.ServerRequests;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the capabilities each client announces in its available presence (XEP-0115 §4) and
 * records them as {@code node#ver} in the session table, where every node of the cluster finds
 * them. A verification string the server has not seen is first checked (§5.4, §6.2): the server
 * asks the client for disco#info on {@code node#ver} and recomputes the sha-1 hash; only a match
 * is cached and recorded. Announcements with another hash, the legacy format without one, or a
 * wrong hash leave the session without capabilities, so it receives no filtered notification.
 *
 * <p>Verified strings are kept in the database (shared by the cluster) and, in front of it, in
 * a bounded cache of this node.
 */
@ApplicationScoped
public class EntityCaps implements PresenceObserver {

    public static final String NAMESPACE = "http://jabber.org/protocol/caps";
    public static final XmlName C = XmlName.of(NAMESPACE, "c");
    private static final XmlName QUERY = XmlName.of(CapsHash.DISCO_INFO, "query");
    private static final Logger LOG = Logger.getLogger(EntityCaps.class.getName());
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final int CACHED = 2048;

    private SessionRegistry sessions;
    private ServerRequests requests;
    private CapsStore store;
    private Event<ClientCaps> known;
    /** Sessions with a disco#info request out, so that each has at most one (§6.2). */
    private final Map<ChannelId, Announced> verifying = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > CACHED;
        }
    };

    /** For the container's proxy. */
    protected EntityCaps() {
    }

    @Inject
    public EntityCaps(SessionRegistry sessions, ServerRequests requests, CapsStore store,
            Event<ClientCaps> known) {
        this.sessions = sessions;
        this.requests = requests;
        this.store = store;
        this.known = known;
    }

    /** The announcement in a presence: node, ver and hash of its {@code <c/>}. */
    record Announced(String node, String ver, String hash) {

        static Optional<Announced> in(Presence presence) {
            return presence.element().child(C)
                    .filter(c -> c.attribute("node") != null && c.attribute("ver") != null)
                    .map(c -> new Announced(c.attribute("node"), c.attribute("ver"),
                            c.attribute("hash")));
        }

        String value() {
            return node + "#" + ver;
        }
    }

    @Override
    public void available(LocalSession session, Presence presence, Presence previous) {
        Optional<Announced> announced = Announced.in(presence)
                .filter(a -> CapsHash.SHA_1.equals(a.hash()));
        if (announced.isEmpty()) {
            record(session, "");
            return;
        }
        Announced a = announced.get();
        Optional<Set<String>> features = features(a.ver());
        if (features.isPresent()) {
            apply(session, a, features.get(), previous == null);
        } else {
            verify(session, a, previous == null);
        }
    }

    /**
     * The verified features behind a session-table value {@code node#ver}, or empty when it is
     * empty or not verified on any node.
     */
    public Optional<Set<String>> featuresOf(String caps) {
        int hash = caps.lastIndexOf('#');
        return hash < 0 ? Optional.empty() : features(caps.substring(hash + 1));
    }

    private Optional<Set<String>> features(String ver) {
        Set<String> cached;
        synchronized (cache) {
            cached = cache.get(ver);
        }
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Set<String>> stored = store.find(ver);
        stored.ifPresent(f -> remember(ver, f));
        return stored;
    }

    private void remember(String ver, Set<String> features) {
        synchronized (cache) {
            cache.put(ver, features);
        }
    }

    /**
     * §6.2: disco#info to the client on node#ver, then the hash check of §5.4. While a request
     * is out, newer announcements of the session wait for it; the latest is checked next.
     */
    private void verify(LocalSession session, Announced a, boolean initial) {
        if (verifying.putIfAbsent(session.channelId(), a) != null) {
            return;
        }
        LOG.log(Level.FINE, "asking {0} for disco#info on {1}", new Object[] {session, a.value()});
        Element query = Element.builder(QUERY).attribute("node", a.value()).build();
        requests.send(session, session.jid().domainJid(), Iq.Type.GET, query, QUERY_TIMEOUT)
                .whenComplete((response, failure) -> {
                    try {
                        if (failure != null) {
                            LOG.log(Level.FINE, "no disco#info from {0} for its caps", session);
                        } else {
                            verified(session, a, response, initial);
                        }
                    } finally {
                        verifying.remove(session.channelId());
                    }
                    checkLatest(session, a);
                });
    }

    /** After a check: the session may announce something newer that is still unknown. */
    private void checkLatest(LocalSession session, Announced checked) {
        Presence current = session.presence();
        if (current == null || sessions.local(session.jid()) != session) {
            return;
        }
        Announced.in(current).filter(a -> CapsHash.SHA_1.equals(a.hash()))
                .filter(a -> !a.equals(checked))
                .ifPresent(a -> {
                    Optional<Set<String>> features = features(a.ver());
                    if (features.isPresent()) {
                        apply(session, a, features.get(), false);
                    } else {
                        verify(session, a, false);
                    }
                });
    }

    private void verified(LocalSession session, Announced a, Iq response, boolean initial) {
        Optional<Element> query = response.type() == Iq.Type.RESULT
                ? response.payload().filter(q -> q.is(QUERY)) : Optional.empty();
        Optional<String> ver = query.flatMap(CapsHash::ver);
        if (ver.isEmpty() || !ver.get().equals(a.ver())) {
            LOG.log(Level.FINE, "caps of {0} do not verify: announced {1}, computed {2}",
                    new Object[] {session, a.ver(), ver.orElse("nothing")});
            if (stillAnnounces(session, a)) {
                record(session, "");
            }
            return;
        }
        Set<String> features = Set.copyOf(CapsHash.features(query.get()));
        LOG.log(Level.FINE, "caps {0} of {1} verified", new Object[] {a.ver(), session});
        remember(a.ver(), features);
        try {
            store.save(a.ver(), features);
        } catch (RuntimeException e) {
            // another node stored it at the same moment; the local cache has it anyway
            LOG.log(Level.FINE, "caps " + a.ver() + " not stored", e);
        }
        if (stillAnnounces(session, a)) {
            apply(session, a, features, initial);
        }
    }

    /** Whether the session is still bound and available with the same announcement. */
    private boolean stillAnnounces(LocalSession session, Announced a) {
        Presence current = session.presence();
        return sessions.local(session.jid()) == session && current != null
                && Announced.in(current).map(a::equals).orElse(false);
    }

    private void apply(LocalSession session, Announced a, Set<String> features, boolean initial) {
        String before = record(session, a.value());
        if (initial) {
            known.fire(new ClientCaps(session, features, Set.of()));
        } else if (!before.equals(a.value())) {
            known.fire(new ClientCaps(session, features, featuresOf(before).orElse(Set.of())));
        }
    }

    /** Records the session's caps in the table; answers those it had before. */
    private String record(LocalSession session, String caps) {
        String before = sessions.table().session(session.jid()).map(SessionRecord::caps)
                .orElse("");
        if (!before.equals(caps)) {
            sessions.capsChanged(session, caps);
        }
        return before;
    }
}
