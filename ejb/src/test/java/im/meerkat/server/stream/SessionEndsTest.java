package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stop waits for the session ends under way on other threads, within a bound, and says how
 * many are left while it waits (docs/RUNNING.md, "Stop").
 */
class SessionEndsTest extends StreamFixture {

    @Test
    void nothingUnderWayReturnsAtOnce() throws Exception {
        SessionEnds ends = new SessionEnds();
        assertEquals(0, ends.await(Duration.ofSeconds(10), Duration.ofSeconds(1), n -> { }));
    }

    @Test
    void waitsForTheLastEndAndReportsThePendingOnes() throws Exception {
        SessionEnds ends = new SessionEnds();
        ends.begin();
        ends.begin();
        List<Integer> reports = new CopyOnWriteArrayList<>();
        Thread finisher = new Thread(() -> {
            sleep(150);
            ends.done();
            sleep(150);
            ends.done();
        });
        finisher.start();
        assertEquals(0, ends.await(Duration.ofSeconds(10), Duration.ofMillis(50), reports::add));
        finisher.join();
        assertTrue(reports.contains(2) && reports.contains(1), "reported " + reports);
        assertEquals(0, ends.running());
    }

    @Test
    void givesUpAfterTheTimeoutWithTheCountLeft() throws Exception {
        SessionEnds ends = new SessionEnds();
        ends.begin();
        long start = System.nanoTime();
        assertEquals(1, ends.await(Duration.ofMillis(200), Duration.ofSeconds(1), n -> { }));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
    }

    /** The close of a connection, delivered while the node stops, is waited for. */
    @Test
    void stopWaitsForTheSessionEndOfADeliveredClose() throws Exception {
        FakeChannel c = bound();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sessions.onUnbind = () -> {
            entered.countDown();
            await(release);
        };
        Thread delivery = new Thread(() -> service.closed(c.id));
        delivery.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        assertEquals(1, service.awaitSessionEnds(Duration.ofMillis(100)), "one end under way");
        assertTrue(sessions.unbound.isEmpty());
        Thread releaser = new Thread(() -> {
            sleep(200);
            release.countDown();
        });
        releaser.start();
        assertEquals(0, service.awaitSessionEnds(Duration.ofSeconds(10)));
        assertEquals(List.of(c.id), sessions.unbound, "the session ended before the wait returned");
        delivery.join();
        releaser.join();
    }

    /** A stream whose connection closed but whose close was never delivered ends at shutdown. */
    @Test
    void shutdownEndsTheStreamsStillOpen() {
        FakeChannel c = bound();
        service.shutdown();
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(0, service.count());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
