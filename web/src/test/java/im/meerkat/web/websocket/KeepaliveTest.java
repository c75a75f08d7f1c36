package im.meerkat.web.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Pings, and the end of a peer that stays silent (RFC 6455 §5.5.2). */
class KeepaliveTest {

    private long now = 100_000;
    private long heard = 100_000;
    private int pings;
    private Integer closed;
    private boolean open = true;
    private boolean pingFails;

    private final Keepalive.Peer peer = new Keepalive.Peer() {
        @Override
        public boolean open() {
            return open;
        }

        @Override
        public void ping() throws IOException {
            if (pingFails) {
                throw new IOException("broken pipe");
            }
            pings++;
        }

        @Override
        public void close(int code, String reason) {
            closed = code;
        }
    };

    private final Keepalive keepalive = new Keepalive(peer, () -> heard, () -> now, 30_000);

    @Test
    void pingsWhileThePeerAnswers() {
        now += 30_000;
        keepalive.run();
        heard = now; // the pong
        now += 30_000;
        keepalive.run();
        assertEquals(2, pings);
        assertNull(closed);
    }

    @Test
    void silenceForTwoIntervalsClosesWithPolicyViolation() {
        now += 60_000;
        keepalive.run();
        assertNull(closed, "two intervals exactly: still allowed");
        now += 1;
        keepalive.run();
        assertEquals(OrderedSender.POLICY_VIOLATION, closed);
    }

    @Test
    void failedPingCloses() {
        pingFails = true;
        keepalive.run();
        assertEquals(OrderedSender.POLICY_VIOLATION, closed);
    }

    @Test
    void closedConnectionIsLeftAlone() {
        open = false;
        now += 120_000;
        keepalive.run();
        assertEquals(0, pings);
        assertNull(closed);
    }
}
