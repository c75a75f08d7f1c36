package im.meerkat.server.metrics;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import io.smallrye.metrics.SharedMetricRegistries;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The counters, timer and gauges of this node, in the MicroProfile Metrics application registry.
 * Every metric a hot path touches is created once, up front (or once per SASL mechanism), so a
 * call costs one adder increment and no registry lookup; nothing here blocks.
 *
 * <p>Labels never come from what a client sends: stanza kinds are the three of RFC 6120 §8,
 * mechanisms are those the server offers, close causes an enum.
 */
@ApplicationScoped
public class ServerMetrics {

    static final String STANZAS_IN = "meerkat_stanzas_in";
    static final String STANZAS_OUT = "meerkat_stanzas_out";
    static final String LOGINS = "meerkat_logins";
    static final String AUTH_FAILURES = "meerkat_auth_failures";
    static final String ROUTING = "meerkat_routing";
    static final String CLOSED = "meerkat_connections_closed";
    static final String SESSIONS = "meerkat_sessions";
    static final String RESUMPTIONS = "meerkat_sm_resumptions";
    static final String DETACHED = "meerkat_sm_detached_sessions";
    static final String ARCHIVE_WRITTEN = "meerkat_archive_written";
    static final String ARCHIVE_WRITE = "meerkat_archive_write";
    static final String ARCHIVE_FAILURES = "meerkat_archive_write_failures";
    static final String ARCHIVE_DROPPED = "meerkat_archive_dropped";
    static final String ARCHIVE_QUEUE = "meerkat_archive_queue";
    static final String ARCHIVE_RETRYING = "meerkat_archive_retrying";
    static final String CLUSTER_MEMBERS = "meerkat_cluster_members";

    /** The stanza kinds of RFC 6120 §8, in the order of the counter arrays. */
    static final String[] KINDS = {"message", "presence", "iq"};

    private MetricRegistry registry;
    private Counter[] in;
    private Counter[] out;
    private Timer routing;
    private Map<CloseReason.Cause, Counter> closed;
    private Counter resumed;
    private Counter expired;
    private Counter archiveWritten;
    private Timer archiveWrite;
    private Counter archiveFailures;
    private Counter archiveDropped;
    private final Map<String, Counter> logins = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();

    /** For the container: the registry is SmallRye's shared application registry. */
    public ServerMetrics() {
    }

    /** Metrics in the given registry (tests, or another implementation). */
    public ServerMetrics(MetricRegistry registry) {
        register(registry);
    }

    /** Metrics that count nothing, for tests of code that reports to them. */
    public static ServerMetrics none() {
        return new ServerMetrics();
    }

    @PostConstruct
    void init() {
        register(SharedMetricRegistries.getOrCreate(MetricRegistry.APPLICATION_SCOPE));
    }

    private void register(MetricRegistry r) {
        in = new Counter[KINDS.length];
        out = new Counter[KINDS.length];
        for (int i = 0; i < KINDS.length; i++) {
            Tag kind = new Tag("kind", KINDS[i]);
            in[i] = r.counter(meta(STANZAS_IN, "stanzas received from clients", MetricUnits.NONE), kind);
            out[i] = r.counter(meta(STANZAS_OUT, "stanzas sent to clients", MetricUnits.NONE), kind);
        }
        routing = r.timer(meta(ROUTING, "time to handle and route one stanza from a client", MetricUnits.SECONDS));
        Map<CloseReason.Cause, Counter> byCause = new EnumMap<>(CloseReason.Cause.class);
        for (CloseReason.Cause cause : CloseReason.Cause.values()) {
            byCause.put(cause, r.counter(meta(CLOSED, "client connections closed, by cause; SLOW_CONSUMER: "
                    + "the peer did not read its output", MetricUnits.NONE), new Tag("cause", cause.name())));
        }
        closed = byCause;
        resumed = r.counter(meta(RESUMPTIONS, "XEP-0198 resumptions, by outcome", MetricUnits.NONE),
                new Tag("outcome", "resumed"));
        expired = r.counter(meta(RESUMPTIONS, "XEP-0198 resumptions, by outcome", MetricUnits.NONE),
                new Tag("outcome", "expired"));
        archiveWritten = r.counter(meta(ARCHIVE_WRITTEN, "archived messages written to the database",
                MetricUnits.NONE));
        archiveWrite = r.timer(meta(ARCHIVE_WRITE, "time to insert and commit one batch of archived messages",
                MetricUnits.SECONDS));
        archiveFailures = r.counter(meta(ARCHIVE_FAILURES, "archive batch writes that failed and were retried "
                + "(or, refused by the database, written row by row)", MetricUnits.NONE));
        archiveDropped = r.counter(meta(ARCHIVE_DROPPED, "archive copies given up: queue full, closed for "
                + "shutdown, or refused by the database", MetricUnits.NONE));
        registry = r;
    }

    /** A top-level element came from a client; counted when it is a stanza. */
    public void stanzaIn(Element element) {
        int kind = kind(element);
        if (registry != null && kind >= 0) {
            in[kind].inc();
        }
    }

    /** An element went to a client; counted when it is a stanza. */
    public void stanzaOut(Element element) {
        int kind = kind(element);
        if (registry != null && kind >= 0) {
            out[kind].inc();
        }
    }

    /** A stanza from a client was handled and routed in {@code nanos}. */
    public void routed(long nanos) {
        if (registry != null) {
            routing.update(Duration.ofNanos(nanos));
        }
    }

    /** A SASL exchange succeeded with the named (offered) mechanism. */
    public void login(String mechanism) {
        if (registry != null) {
            perMechanism(logins, LOGINS, "successful SASL authentications", mechanism).inc();
        }
    }

    /**
     * A SASL exchange failed. {@code mechanism} is an offered mechanism's name, or null when the
     * client asked for one that is not offered.
     */
    public void authFailure(String mechanism) {
        if (registry != null) {
            perMechanism(failures, AUTH_FAILURES, "failed SASL authentications",
                    mechanism == null ? "unsupported" : mechanism).inc();
        }
    }

    /** A connector connection closed; {@link CloseReason.Cause#SLOW_CONSUMER} counts drops. */
    public void connectionClosed(CloseReason.Cause cause) {
        if (registry != null) {
            closed.get(cause).inc();
        }
    }

    /**
     * Registers the gauge of bound sessions on one transport ({@code tcp}, {@code websocket},
     * {@code bosh}), read at each scrape; a second registration of a transport is ignored.
     */
    public void sessionGauge(String transport, Supplier<Long> count) {
        if (registry != null && gauges.add(transport)) {
            registry.gauge(meta(SESSIONS, "bound client sessions on this node, by transport", MetricUnits.NONE),
                    count, Supplier::get, new Tag("transport", transport));
        }
    }

    /** A detached session was resumed on a new connection (XEP-0198 §5). */
    public void resumed() {
        if (registry != null) {
            resumed.inc();
        }
    }

    /** A detached session's resumption timeout expired and the session ended. */
    public void resumptionExpired() {
        if (registry != null) {
            expired.inc();
        }
    }

    /** Registers the gauge of sessions waiting for a resumption; a second registration is ignored. */
    public void detachedGauge(Supplier<Long> count) {
        if (registry != null && gauges.add("sm-detached")) {
            registry.gauge(meta(DETACHED, "sessions of this node waiting for a XEP-0198 resumption",
                    MetricUnits.NONE), count, Supplier::get);
        }
    }

    /**
     * Registers the gauge of the members in this node's cluster view (1 for a node alone), read
     * at each scrape; a second registration is ignored.
     */
    public void clusterMembersGauge(Supplier<Long> count) {
        if (registry != null && gauges.add(CLUSTER_MEMBERS)) {
            registry.gauge(meta(CLUSTER_MEMBERS, "members of the cluster view this node is in, itself included",
                    MetricUnits.NONE), count, Supplier::get);
        }
    }

    /** The archive writer inserted {@code rows} in one batch that took {@code nanos}. */
    public void archiveWritten(int rows, long nanos) {
        if (registry != null) {
            archiveWritten.inc(rows);
            if (nanos > 0) {
                archiveWrite.update(Duration.ofNanos(nanos));
            }
        }
    }

    /** An archive batch write failed; it will be retried. */
    public void archiveWriteFailed() {
        if (registry != null) {
            archiveFailures.inc();
        }
    }

    /** Archive copies were given up. */
    public void archiveDropped(long copies) {
        if (registry != null) {
            archiveDropped.inc(copies);
        }
    }

    /**
     * Registers the archive writer's gauges, read at each scrape: rows waiting in its queue, and
     * 1 while its writes fail and are retried (else 0). A second registration is ignored.
     */
    public void archiveGauges(Supplier<Long> queued, Supplier<Long> retrying) {
        if (registry != null && gauges.add(ARCHIVE_QUEUE)) {
            registry.gauge(meta(ARCHIVE_QUEUE, "archived messages waiting to be written", MetricUnits.NONE),
                    queued, Supplier::get);
            registry.gauge(meta(ARCHIVE_RETRYING, "1 while archive writes fail and are retried",
                    MetricUnits.NONE), retrying, Supplier::get);
        }
    }

    private Counter perMechanism(Map<String, Counter> counters, String name, String description, String mechanism) {
        return counters.computeIfAbsent(mechanism,
                m -> registry.counter(meta(name, description, MetricUnits.NONE), new Tag("mechanism", m)));
    }

    private static int kind(Element element) {
        if (!Namespaces.CLIENT.equals(element.namespace())) {
            return -1;
        }
        String name = element.localName();
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Metadata meta(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }
}
