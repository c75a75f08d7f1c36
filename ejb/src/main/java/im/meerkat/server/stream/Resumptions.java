package im.meerkat.server.stream;

import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The sessions of this node that can be resumed (XEP-0198 §5), by their unguessable resumption
 * id, and what happens at the end of every session made by this node's streams: the session
 * leaves the table, the stanzas its client did not acknowledge are handled as undelivered, then
 * contacts learn it is unavailable
 * (XEP-0198 §5: messages to another resource or offline storage, with a delay stamp, XEP-0203;
 * IQ requests answered with an error; presence dropped). Resumption ids are known to this node
 * only: a resumption on another node asks this node through {@link ClusterResumption}.
 */
final class Resumptions {

    static final XmlName DELAY = XmlName.of("urn:xmpp:delay", "delay");
    private static final System.Logger LOG = System.getLogger(Resumptions.class.getName());

    private final ConcurrentMap<String, SessionChannel> byId = new ConcurrentHashMap<>();
    private final StreamEnvironment env;
    private final Consumer<ChannelId> supersede;
    private final SecureRandom random = new SecureRandom();
    private volatile ClusterResumption cluster;

    /**
     * @param supersede closes the stream of a connection whose session was resumed on another one
     */
    Resumptions(StreamEnvironment env, Consumer<ChannelId> supersede) {
        this.env = env;
        this.supersede = supersede;
    }

    /** The session channel for a resource about to be bound on {@code connection}. */
    SessionChannel newSession(StreamChannel connection) {
        return new SessionChannel(connection, env.sm(), System::currentTimeMillis, this::ended);
    }

    /** A new resumption id (18 random bytes) for a session, and the session findable by it. */
    String register(SessionChannel session) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byId.put(id, session);
        return id;
    }

    /** Makes a session taken over from another node findable by its resumption id there. */
    void register(String id, SessionChannel session) {
        byId.put(id, session);
    }

    /** Resumption across nodes, when this node is in a cluster (XEP-0198 §5). */
    Optional<ClusterResumption> cluster() {
        return Optional.ofNullable(cluster);
    }

    void useCluster(ClusterResumption clusterResumption) {
        this.cluster = clusterResumption;
    }

    /**
     * The session moved to another node: it is forgotten here, and the connection that carried
     * it, if still open, closes.
     */
    void handedOver(String id, SessionChannel session, StreamChannel oldConnection) {
        byId.remove(id, session);
        if (oldConnection != null) {
            supersede.accept(oldConnection.id());
        }
    }

    Optional<SessionChannel> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** The session's connection is gone: it waits for a resumption until its timeout. */
    void detached(SessionChannel session) {
        long generation = session.generation();
        env.scheduler().schedule(() -> {
            if (session.expire(generation)) {
                env.metrics().resumptionExpired();
            }
        }, session.resumeTimeout());
    }

    /** The session moved to another connection; the old one, if still open, is closed. */
    void resumed(StreamChannel oldConnection) {
        env.metrics().resumed();
        if (oldConnection != null) {
            supersede.accept(oldConnection.id());
        }
    }

    /**
     * More stanzas wait for an acknowledgement than {@code meerkat.sm.max-unacked}: the session
     * ends, on another thread, since routing threads hold other streams' locks.
     */
    void overflowed(SessionChannel session) {
        env.scheduler().schedule(() -> session.close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION,
                "too many unacknowledged stanzas")), Duration.ZERO);
    }

    /** Sessions waiting for a resumption. */
    long detachedCount() {
        return byId.values().stream().filter(SessionChannel::detached).count();
    }

    /** The server stops: detached sessions end now, so that their stanzas reach offline storage. */
    void shutdown() {
        for (SessionChannel session : List.copyOf(byId.values())) {
            if (session.detached()) {
                try {
                    session.end();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "detached session " + session.id() + " did not end cleanly", e);
                }
            }
        }
    }

    private void ended(SessionChannel session, List<UnackedQueue.Unacked> unacked) {
        String id = session.resumeId();
        if (id != null) {
            byId.remove(id, session);
        }
        if (unacked.isEmpty()) {
            env.sessions().unbind(session.id());
            return;
        }
        String domain = session.jid() == null ? null : session.jid().domain();
        List<Element> stanzas = new ArrayList<>(unacked.size());
        for (UnackedQueue.Unacked u : unacked) {
            stanzas.add(stamped(u.stanza(), domain, u.sentAt()));
        }
        env.sessions().unbind(session.id(), stanzas);
    }

    /** A message gets {@code <delay/>} (XEP-0203) from when it was first sent, unless it has one. */
    static Element stamped(Element stanza, String domain, long sentAt) {
        if (!stanza.localName().equals("message") || stanza.hasChild(DELAY)) {
            return stanza;
        }
        return stanza.toBuilder().child(Element.builder(DELAY).attribute("from", domain)
                .attribute("stamp", Instant.ofEpochMilli(sentAt).toString())).build();
    }
}
