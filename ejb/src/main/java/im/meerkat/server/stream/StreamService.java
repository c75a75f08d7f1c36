package im.meerkat.server.stream;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.account.AccountStore;
import im.meerkat.server.account.CredentialStore;
import im.meerkat.server.caps.ServerCaps;
import im.meerkat.server.cluster.ClusterService;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.config.Settings;
import im.meerkat.server.metrics.ServerMetrics;
import im.meerkat.server.sasl.SaslMechanisms;
import im.meerkat.server.session.SessionManager;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The client stream state machine of this node, for every transport: the TCP listener bean calls
 * it for connector events, the WebSocket and BOSH endpoints for theirs. It keeps the streams of
 * this node by {@link ChannelId}; each stream serializes its own events, and different streams
 * run in parallel (bean-managed concurrency, no container lock).
 *
 * <p>Calls for one channel must come in the order the events happened: {@link #opened} first,
 * {@link #closed} last. No method throws for an unknown channel; the event is ignored.
 *
 * <p>A transport drives it like this (WebSocket, RFC 7395, as the example):
 * <ol>
 * <li>connection accepted: {@code opened(channel, transport)}, usually one object implementing
 *     both {@link StreamChannel} and {@link StreamTransport}, with a {@link ChannelId} of this node
 *     ({@code jboss.node.name}) and an id unique on it;</li>
 * <li>each {@code <open/>} (the first, and the one after SASL success):
 *     {@code header(id, header, TransportSecurity.external(secure))}; the reply comes back through
 *     {@link StreamTransport#openStream}, then the features through {@link StreamChannel#send};</li>
 * <li>each other element: {@code element(id, element)};</li>
 * <li>the client's {@code <close/>}: {@code peerClosed(id)}; the service answers with
 *     {@link StreamChannel#close}(null);</li>
 * <li>the connection gone, for whatever reason: {@code closed(id)}, exactly once.</li>
 * </ol>
 * A transport without STARTTLS returns false from {@link StreamTransport#supportsStartTls()}; when
 * {@code meerkat.tls.required} is true, an unencrypted stream on it is then refused.
 */
@Singleton
// Stopped before the session manager, so that the shutdown below can still unbind sessions,
// before the cluster service, so that it can still name another member to its clients, and before
// every store a session end writes to (the observers reach them through CDI, which orders nothing),
// so that the ends under way when the stop begins and those of the shutdown below complete
@DependsOn({"SessionManagerBean", "ClusterService", "SessionCache", "AccountStoreBean",
        "JpaLastActivityStore", "RosterStore", "OfflineStore", "BlockListCacheBean",
        "BlockListStore", "CapsStore", "PepStore", "PrefsStore"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StreamService {

    private static final System.Logger LOG = System.getLogger(StreamService.class.getName());
    /** How long a stop waits for the session ends under way on other threads. */
    public static final Duration ENDS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ENDS_REPORT = Duration.ofSeconds(5);

    private static final long MOVE_POLL_MILLIS = 20;

    private final ConcurrentMap<ChannelId, ClientStream> streams = new ConcurrentHashMap<>();
    /** Sessions whose streams {@link #endAll} sent away, waiting for a resumption elsewhere. */
    private final Set<SessionChannel> moving = ConcurrentHashMap.newKeySet();
    private final SessionEnds ends = new SessionEnds();

    @Inject
    private ServerConfig config;

    @Inject
    private SaslMechanisms mechanisms;

    @Inject
    private ServerMetrics metrics;

    @Inject
    private ServerCaps serverCaps;

    @EJB
    private CredentialStore credentials;

    @EJB
    private AccountStore accounts;

    @EJB
    private SessionManager sessions;

    @EJB
    private ClusterService cluster;

    @Inject
    private SessionRegistry registry;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;

    private ThreadFactory threadFactory = Thread::new;
    private final StopReport report = new StopReport(this::openStreams, ends::running, ENDS_REPORT);

    private StreamEnvironment env;
    private Resumptions resumptions;

    /** Set when this node leaves its cluster: the error each transport's streams end with. */
    private volatile Function<String, StreamError> leaving;

    public StreamService() {
    }

    /** Outside a container, for tests. */
    StreamService(StreamEnvironment env) {
        this.env = env;
        this.resumptions = new Resumptions(env, this::superseded);
    }

    @PostConstruct
    void init() {
        threadFactory = threads;
        env = new StreamEnvironment(config, mechanisms, credentials::scramKeys, accounts, sessions,
                (task, delay) -> executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                streamIds(), metrics, SmSettings.read(Settings::lookup), serverCaps::element);
        resumptions = new Resumptions(env, this::superseded);
        ClusterResumption clusterResumption = new ClusterResumption(env, resumptions,
                registry, cluster);
        resumptions.useCluster(clusterResumption);
        cluster.useHandovers(clusterResumption);
        metrics.detachedGauge(() -> resumptions.detachedCount());
        for (String transport : new String[] {"tcp", "websocket", "bosh"}) {
            metrics.sessionGauge(transport, () -> boundSessions(transport));
        }
    }

    /**
     * A client connected. {@code transport} is usually the same object as {@code channel}.
     * Nothing is sent until the client's header arrives.
     */
    public void opened(StreamChannel channel, StreamTransport transport) {
        String name = channel.transport();
        env.metrics().sessionGauge(name, () -> boundSessions(name));
        StreamChannel counted = new CountingChannel(channel, env.metrics());
        ClientStream previous = streams.put(channel.id(), new ClientStream(counted, transport, env, resumptions));
        if (previous != null) {
            LOG.log(Level.WARNING, "channel {0} opened twice; the older stream is dropped", channel.id());
            previous.gone();
        }
    }

    /**
     * The client opened a stream: the first, or after STARTTLS or SASL success.
     *
     * @param security the protection of the transport at that moment, with channel binding data
     *     when the transport has it; WebSocket and BOSH pass {@link TransportSecurity#external}
     */
    public void header(ChannelId channel, StreamHeader header, TransportSecurity security) {
        stream(channel).ifPresent(s -> {
            s.header(header, security);
            Function<String, StreamError> redirect = leaving;
            if (redirect != null) {
                s.end(redirect.apply(s.channel().transport()));
            }
        });
    }

    /** A top-level element the client sent. */
    public void element(ChannelId channel, Element element) {
        long start = System.nanoTime();
        stream(channel).ifPresent(s -> s.element(element));
        if (Stanza.isStanza(element)) {
            env.metrics().stanzaIn(element);
            env.metrics().routed(System.nanoTime() - start);
        }
    }

    /** The client closed its stream ({@code </stream:stream>}, WebSocket {@code <close/>}). */
    public void peerClosed(ChannelId channel) {
        stream(channel).ifPresent(ClientStream::peerClosed);
    }

    /** The connection is gone; its session, if any, ends. The last call for a channel. */
    public void closed(ChannelId channel) {
        ClientStream s = streams.remove(channel);
        if (s != null) {
            ends.begin();
            try {
                s.gone();
            } finally {
                ends.done();
            }
        }
    }

    /**
     * The application is stopping: every TCP stream of this node ends with
     * {@code <see-other-host/>} naming another member that answers (RFC 6120 §4.9.3.19), or with
     * {@code <system-shutdown/>} (§4.9.3.22) when there is none; WebSocket and BOSH streams end
     * with {@code <system-shutdown/>}, and their clients reconnect through the load balancer.
     * Sessions waiting for a resumption end too. Either way, unacknowledged messages go to
     * offline storage, and messages routed here from now on go to the user's other resources or
     * to offline storage (RFC 6121 §8.5.3.2). Then it waits for the session ends still under way
     * on the connector's threads; the stores they write to stop after this bean ({@code
     * DependsOn}), so no logout record is lost (architecture invariant 9).
     */
    @PreDestroy
    void shutdown() {
        // Normally bin/meerkat stop has drained the node: then nobody is to be told anything
        String redirect = streams.isEmpty() ? null : otherMember();
        StreamError tcp = redirect == null
                ? StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN, "the server is stopping")
                : StreamError.seeOtherHost(redirect);
        StreamError http = StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN,
                "the server is stopping");
        // A stream opened while the others close gets the same, right after its header.
        leaving = transport -> "tcp".equals(transport) ? tcp : http;
        report.start(threadFactory);
        long start = System.nanoTime();
        // Streams the drain did not end, and those whose connection closed and whose close the
        // connector has not delivered yet (it delivers nothing once the server suspends)
        int open = openStreams();
        if (open > 0) {
            LOG.log(Level.INFO, "ending the {0} client streams still open", open);
        }
        for (ChannelId id : streams.keySet()) {
            ClientStream s = streams.remove(id);
            if (s == null) {
                continue;
            }
            try {
                s.end("tcp".equals(s.channel().transport()) ? tcp : http);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stream " + id + " did not close cleanly at shutdown", e);
            }
        }
        resumptions.shutdown();
        awaitSessionEnds(ENDS_TIMEOUT);
        report.stop();
        if (open > 0) {
            LOG.log(Level.INFO, "the client streams still open at shutdown ended in {0} ms",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * The node is about to stop ({@code bin/meerkat stop} drains it first): from now on until
     * every stream has ended, the log says every few seconds how many are left.
     */
    public void stopping() {
        report.start(threadFactory);
    }

    /** Client streams of this node not ended yet. */
    private int openStreams() {
        return (int) streams.values().stream().filter(s -> s.state() != StreamState.CLOSED).count();
    }

    /**
     * Waits until the session ends under way on other threads (connections whose close the
     * connector delivered) have finished, at most {@code timeout}, logging how many are left
     * every few seconds; called before the components they write to stop.
     *
     * @return how many did not finish in time: 0 normally
     */
    public int awaitSessionEnds(Duration timeout) {
        int left;
        try {
            left = ends.await(timeout, ENDS_REPORT, pending -> LOG.log(Level.INFO,
                    "waiting for {0} session ends under way (logout records, unavailable presence)",
                    pending));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            left = ends.running();
        }
        if (left > 0) {
            LOG.log(Level.WARNING, "{0} session ends still under way after {1} s; the stop goes on",
                    left, timeout.toSeconds());
        }
        return left;
    }

    private String otherMember() {
        if (cluster == null) {
            return null;
        }
        try {
            return cluster.otherMemberAddress();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "no other member to send clients to at shutdown", e);
            return null;
        }
    }

    /** The session of a connection moved to another by resumption: its stream closes. */
    private void superseded(ChannelId connection) {
        ClientStream s = streams.get(connection);
        if (s != null) {
            s.superseded();
        }
    }

    /** Sessions of this node waiting for a resumption (XEP-0198 §5), for diagnostics and tests. */
    public long detachedSessions() {
        return resumptions.detachedCount();
    }

    /**
     * This node sends its clients away (docs/CLUSTER.md: a drain before a stop, leave-cluster):
     * every stream ends with the error chosen for its transport ({@code tcp}, {@code websocket},
     * {@code bosh}), and a stream opened from now on gets it right after its header, until the
     * application stops.
     *
     * @param resumable whether sessions with resumption enabled (XEP-0198 §5) stay to be resumed
     *     on another member, as after a lost connection, instead of ending with their streams;
     *     {@link #finishMoves} then waits for them
     * @return how many streams were ended
     */
    public int endAll(Function<String, StreamError> errorForTransport, boolean resumable) {
        leaving = errorForTransport;
        int ended = 0;
        for (ClientStream s : streams.values()) {
            StreamError error = errorForTransport.apply(s.channel().transport());
            if (resumable) {
                SessionChannel waiting = s.moveAway(error);
                if (waiting != null) {
                    moving.add(waiting);
                }
            } else {
                s.end(error);
            }
            ended++;
        }
        return ended;
    }

    /**
     * Gives the sessions that {@link #endAll} left resumable up to {@code wait} to be resumed on
     * another member, then ends those still waiting, so that their unacknowledged stanzas go to
     * the user's other resources or to offline storage while this node still runs.
     */
    public Moves finishMoves(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        int total = moving.size();
        while (moving.stream().anyMatch(SessionChannel::detached) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(MOVE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int ended = 0;
        for (SessionChannel session : List.copyOf(moving)) {
            moving.remove(session);
            if (session.detached() && session.end()) {
                ended++;
            }
        }
        return new Moves(total, ended);
    }

    /**
     * What became of the sessions left resumable when their streams were sent away.
     *
     * @param resumable sessions that waited for a resumption
     * @param ended those of them still waiting at the end, ended here
     */
    public record Moves(int resumable, int ended) {

        /** Sessions that left this node in time: resumed on another member, or replaced there by a new bind. */
        public int left() {
            return resumable - ended;
        }
    }

    /** The negotiation state of a stream of this node, for diagnostics and tests. */
    public Optional<StreamState> state(ChannelId channel) {
        return stream(channel).map(ClientStream::state);
    }

    /** How many client streams this node holds. */
    public int count() {
        return streams.size();
    }

    /** Bound sessions of this node on one transport, counted when metrics are scraped. */
    long boundSessions(String transport) {
        return streams.values().stream()
                .filter(s -> s.state() == StreamState.BOUND && s.channel().transport().equals(transport))
                .count();
    }

    private Optional<ClientStream> stream(ChannelId channel) {
        ClientStream s = streams.get(channel);
        if (s == null) {
            LOG.log(Level.DEBUG, "event for unknown channel {0} ignored", channel);
        }
        return Optional.ofNullable(s);
    }

    private static Supplier<String> streamIds() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] id = new byte[12];
            random.nextBytes(id);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        };
    }
}
