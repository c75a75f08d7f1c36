package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stop report looks every few seconds while streams are left, and ends when none is. */
class StopReportTest {

    private final List<Thread> started = new CopyOnWriteArrayList<>();

    private Thread newThread(Runnable task) {
        Thread thread = new Thread(task);
        started.add(thread);
        return thread;
    }

    @Test
    void endsOnceNothingIsLeft() throws Exception {
        AtomicInteger open = new AtomicInteger(3);
        AtomicInteger looks = new AtomicInteger();
        StopReport report = new StopReport(() -> {
            looks.incrementAndGet();
            return open.getAndUpdate(n -> Math.max(0, n - 1));
        }, () -> 0, Duration.ofMillis(10));
        report.start(this::newThread);
        report.start(this::newThread); // one report at a time
        assertEquals(1, started.size());
        started.get(0).join(5_000);
        assertFalse(started.get(0).isAlive(), "the report ended");
        assertEquals(4, looks.get(), "3, 2, 1 left, then none");
    }

    @Test
    void aStoppedReportDoesNotStartAgain() throws Exception {
        StopReport report = new StopReport(() -> 1, () -> 0, Duration.ofSeconds(5));
        report.start(this::newThread);
        report.stop();
        started.get(0).join(5_000);
        assertFalse(started.get(0).isAlive(), "stopped at once, without waiting for its period");
        report.start(this::newThread);
        assertEquals(1, started.size(), "not started again");
    }
}
