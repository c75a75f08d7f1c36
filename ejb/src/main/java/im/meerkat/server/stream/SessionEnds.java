package im.meerkat.server.stream;

import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * The session ends under way on this node: a connection's close reaches {@link StreamService}
 * on a delivery thread of the connector and ends its session there (the table entry, the
 * unavailable presence, the logout record). A stop waits for them before the components they
 * write to stop, so that a clean shutdown right after many clients dropped loses nothing
 * (architecture invariant 9, docs/RUNNING.md, "Stop").
 */
final class SessionEnds {

    private int running;

    /** An end begins; {@link #done()} must follow, in a finally block. */
    synchronized void begin() {
        running++;
    }

    synchronized void done() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    synchronized int running() {
        return running;
    }

    /**
     * Waits until no end is under way, at most {@code timeout}; while some are,
     * {@code pending} hears how many, once every {@code every}.
     *
     * @return how many are still under way: 0 when every end finished in time
     */
    synchronized int await(Duration timeout, Duration every, IntConsumer pending)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + every.toNanos();
        while (running > 0) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return running;
            }
            if (now - nextReport >= 0) {
                pending.accept(running);
                nextReport = now + every.toNanos();
            }
            long waitNanos = Math.min(deadline - now, nextReport - now);
            wait(Math.max(1, waitNanos / 1_000_000));
        }
        return 0;
    }
}
