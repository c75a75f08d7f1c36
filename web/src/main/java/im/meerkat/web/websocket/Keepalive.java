package im.meerkat.web.websocket;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * One tick of a connection's keepalive (RFC 6455 §5.5.2): a ping, or the end of a peer that has
 * sent nothing, neither pong nor message, for two intervals. Browsers answer pings by themselves,
 * so silence that long means the peer or the path to it is gone.
 */
final class Keepalive implements Runnable {

    /** The connection as the keepalive sees it. */
    interface Peer {
        boolean open();

        void ping() throws IOException;

        void close(int code, String reason);
    }

    private final Peer peer;
    private final LongSupplier lastHeard;
    private final LongSupplier clock;
    private final long intervalMillis;

    Keepalive(Peer peer, LongSupplier lastHeard, LongSupplier clock, long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMillis);
        }
        this.peer = peer;
        this.lastHeard = lastHeard;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void run() {
        if (!peer.open()) {
            return;
        }
        if (clock.getAsLong() - lastHeard.getAsLong() > 2 * intervalMillis) {
            peer.close(OrderedSender.POLICY_VIOLATION, "no answer to pings");
            return;
        }
        try {
            peer.ping();
        } catch (IOException | RuntimeException e) {
            peer.close(OrderedSender.POLICY_VIOLATION, "ping failed");
        }
    }
}
