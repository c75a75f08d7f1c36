package im.meerkat.connector.rar;

import java.time.Duration;
import java.util.Objects;

import im.meerkat.xmpp.stream.ParserLimits;

/**
 * The tunables of the connector engine, checked once here. The resource adapter fills them from
 * its config properties (docs/CONNECTOR.md lists each with its default); tests build them
 * directly.
 *
 * @param selectorThreads    selector loops, each on its own long-running WorkManager thread
 * @param deliveryThreads    short-running WorkManager tasks delivering to endpoints at once
 * @param mailboxCapacity    elements read but not yet delivered, per connection, before reading
 *                           pauses (architecture invariant 3)
 * @param outboundQueueBytes serialized bytes queued for one peer before it counts as a slow
 *                           consumer and is disconnected
 * @param keepalive          write-idleness after which a single space is sent (RFC 6120
 *                           §4.6.1); {@link Duration#ZERO} disables it
 * @param idleTimeout        read-idleness after which the stream ends with
 *                           {@code <connection-timeout/>}
 * @param closeGrace         how long a closed stream waits for the peer to close the socket
 * @param limits             stanza size, depth and attribute limits (RFC 6120 §13.12)
 */
public record ConnectorSettings(int selectorThreads, int deliveryThreads, int mailboxCapacity,
        int outboundQueueBytes, Duration keepalive, Duration idleTimeout, Duration closeGrace,
        ParserLimits limits) {

    public static final int DEFAULT_SELECTOR_THREADS = 2;
    public static final int DEFAULT_DELIVERY_THREADS = 16;
    public static final int DEFAULT_MAILBOX_CAPACITY = 32;
    public static final int DEFAULT_OUTBOUND_QUEUE_BYTES = 512 * 1024;
    public static final int DEFAULT_KEEPALIVE_SECONDS = 60;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_CLOSE_GRACE_MILLIS = 2000;
    public static final int DEFAULT_MAX_STANZA_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_DEPTH = ParserLimits.DEFAULT.maxDepth();
    public static final int DEFAULT_MAX_ATTRIBUTES = ParserLimits.DEFAULT.maxAttributes();

    public static final ConnectorSettings DEFAULT = new ConnectorSettings(
            DEFAULT_SELECTOR_THREADS, DEFAULT_DELIVERY_THREADS, DEFAULT_MAILBOX_CAPACITY,
            DEFAULT_OUTBOUND_QUEUE_BYTES, Duration.ofSeconds(DEFAULT_KEEPALIVE_SECONDS),
            Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS),
            Duration.ofMillis(DEFAULT_CLOSE_GRACE_MILLIS),
            new ParserLimits(DEFAULT_MAX_STANZA_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTES));

    public ConnectorSettings {
        positive(selectorThreads, "selectorThreads");
        positive(deliveryThreads, "deliveryThreads");
        positive(mailboxCapacity, "mailboxCapacity");
        if (outboundQueueBytes < 4096) {
            throw new IllegalArgumentException("outboundQueueBytes must be at least 4096: "
                    + outboundQueueBytes);
        }
        notNegative(keepalive, "keepalive");
        notNegative(idleTimeout, "idleTimeout");
        notNegative(closeGrace, "closeGrace");
        if (idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        Objects.requireNonNull(limits, "limits");
    }

    public ConnectorSettings withKeepalive(Duration value) {
        return new ConnectorSettings(selectorThreads, deliveryThreads, mailboxCapacity,
                outboundQueueBytes, value, idleTimeout, closeGrace, limits);
    }

    public ConnectorSettings withIdleTimeout(Duration value) {
        return new ConnectorSettings(selectorThreads, deliveryThreads, mailboxCapacity,
                outboundQueueBytes, keepalive, value, closeGrace, limits);
    }

    public ConnectorSettings withOutboundQueueBytes(int value) {
        return new ConnectorSettings(selectorThreads, deliveryThreads, mailboxCapacity,
                value, keepalive, idleTimeout, closeGrace, limits);
    }

    public ConnectorSettings withLimits(ParserLimits value) {
        return new ConnectorSettings(selectorThreads, deliveryThreads, mailboxCapacity,
                outboundQueueBytes, keepalive, idleTimeout, closeGrace, value);
    }

    /** How often each selector loop checks its connections' timers. */
    public Duration tickInterval() {
        long millis = 1000;
        if (!keepalive.isZero()) {
            millis = Math.min(millis, keepalive.toMillis() / 4);
        }
        millis = Math.min(millis, idleTimeout.toMillis() / 4);
        return Duration.ofMillis(Math.max(10, millis));
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void notNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
