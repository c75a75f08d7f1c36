package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's behaviour when the database is slow (bounded wait, then the copy is dropped and
 * counted), unreachable (retried until it answers) or refuses a row (the others are kept).
 */
class ArchiveWriterTest {

    private MamDatabase db;

    @BeforeEach
    void open() {
        db = new MamDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The database, after {@code before} runs for each connection asked for. */
    private DataSource gated(ThrowingRunnable before) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        before.run();
                    }
                    try {
                        return method.invoke(db.dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static ArchiveRow row(long id, String owner) {
        return new ArchiveRow(id, owner, "bob@example.org", null, "<message/>");
    }

    private long rows() throws Exception {
        return new ArchiveStore(db.dataSource).query(new ArchiveQuery("alice@example.org", null,
                null, null, null, null, null, null, 0, false)).count();
    }

    @Test
    void aFullQueueMakesRoutingWaitABoundedTimeThenDropsTheCopy() throws Exception {
        CountDownLatch slow = new CountDownLatch(1);
        MamSettings settings = new MamSettings(Map.of(MamSettings.QUEUE, "2",
                MamSettings.ENQUEUE_WAIT, "20", MamSettings.BATCH, "1")::get);
        ArchiveWriter writer = new ArchiveWriter(settings,
                gated(() -> slow.await(10, TimeUnit.SECONDS)), Thread::new);
        int accepted = 0;
        long started = System.nanoTime();
        for (int i = 1; i <= 10; i++) {
            accepted += writer.write(row(i, "alice@example.org")) ? 1 : 0;
        }
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(3, accepted, "one row in the writer's hands, two in the queue");
        assertEquals(7, writer.dropped());
        assertTrue(waitedMillis >= 7 * 20 && waitedMillis < 5000, "waited " + waitedMillis + " ms");
        slow.countDown();
        writer.stop();
        assertEquals(3, rows());
    }

    @Test
    void anUnreachableDatabaseIsRetriedUntilItAnswers() throws Exception {
        AtomicInteger failures = new AtomicInteger(4);
        MamSettings settings = new MamSettings(Map.<String, String>of()::get);
        ArchiveWriter writer = new ArchiveWriter(settings, gated(() -> {
            if (failures.getAndDecrement() > 0) {
                throw new SQLException("connection refused", "08001");
            }
        }), Thread::new);
        for (int i = 1; i <= 5; i++) {
            assertTrue(writer.write(row(i, "alice@example.org")));
        }
        writer.awaitWritten(20_000);
        assertEquals(5, writer.written());
        writer.stop();
        assertEquals(5, rows());
        assertEquals(0, writer.dropped());
    }

    @Test
    void aQueryWaitsForTheRowsQueuedBeforeItWhileTheWriterMakesProgress() throws Exception {
        // Each batch of one row takes 300 ms: the last of 12 rows is written after about 3.6 s,
        // longer than the stall bound of 1 s, which only applies when no row is written.
        MamSettings settings = new MamSettings(Map.of(MamSettings.BATCH, "1")::get);
        ArchiveWriter writer = new ArchiveWriter(settings, gated(() -> Thread.sleep(300)),
                Thread::new);
        for (int i = 1; i <= 12; i++) {
            assertTrue(writer.write(row(i, "alice@example.org")));
        }
        assertTrue(writer.awaitWritten(1000));
        assertEquals(12, writer.written());
        assertEquals(12, rows());
        writer.stop();
    }

    @Test
    void aQueryGivesUpWaitingWhenTheWriterMakesNoProgress() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MamSettings settings = new MamSettings(Map.of(MamSettings.BATCH, "1")::get);
        ArchiveWriter writer = new ArchiveWriter(settings, gated(gate::await), Thread::new);
        assertTrue(writer.write(row(1, "alice@example.org")));
        assertFalse(writer.awaitWritten(200));
        assertEquals(0, writer.written());
        gate.countDown();
        writer.stop();
        assertEquals(1, rows());
    }

    @Test
    void aRowTheDatabaseRefusesDoesNotStopTheOthers() throws Exception {
        MamSettings settings = new MamSettings(Map.<String, String>of()::get);
        ArchiveWriter writer = new ArchiveWriter(settings, db.dataSource, Thread::new);
        writer.write(row(1, "alice@example.org"));
        writer.write(row(1, "alice@example.org")); // the same id again: a duplicate key
        writer.write(row(2, "alice@example.org"));
        writer.stop();
        assertEquals(2, rows());
        assertFalse(writer.queued() > 0);
    }

    @Test
    void aBatchIsWrittenAsMultiRowStatementsAndSingleRowsForTheRest() throws Exception {
        MamSettings settings = new MamSettings(Map.of(MamSettings.BATCH, "500",
                MamSettings.INSERT_ROWS, "100")::get);
        CountDownLatch gate = new CountDownLatch(1);
        ArchiveWriter writer = new ArchiveWriter(settings, gated(() -> gate.await(10, TimeUnit.SECONDS)),
                Thread::new);
        for (int i = 1; i <= 251; i++) {
            assertTrue(writer.write(row(i, "alice@example.org")));
        }
        gate.countDown(); // the writer takes them in batches: two groups of 100 and single rows
        writer.stop();
        assertEquals(251, writer.written());
        assertEquals(251, rows());
        assertEquals("INSERT INTO meerkat_mam (id, owner, peer, peer_resource, xml) VALUES"
                + " (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)", ArchiveWriter.insertSql(2));
    }

    @Test
    void aPeriodOfDropsIsLoggedOnceWhenItBeginsAndOnceWhenItEnds() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(ArchiveWriter.class.getName());
        log.addHandler(handler);
        try {
            CountDownLatch slow = new CountDownLatch(1);
            MamSettings settings = new MamSettings(Map.of(MamSettings.QUEUE, "2", MamSettings.BATCH, "1")::get);
            ArchiveWriter writer = new ArchiveWriter(settings,
                    gated(() -> slow.await(10, TimeUnit.SECONDS)), Thread::new);
            writer.write(row(1, "alice@example.org"));
            while (writer.queued() > 0) {
                Thread.sleep(1); // until the writer holds it, waiting for the database
            }
            for (int i = 2; i <= 50; i++) {
                writer.write(row(i, "alice@example.org"));
            }
            assertEquals(47, writer.dropped(), "routing does not wait: 1 taken, 2 queued");
            slow.countDown();
            writer.awaitWritten(10_000);
            writer.stop();
            List<String> messages = records.stream().map(LogRecord::getMessage).toList();
            assertEquals(1, messages.stream().filter(m -> m.startsWith("message archive queue full")).count(),
                    messages::toString);
            assertEquals(1, messages.stream().filter(m -> m.contains("47 archive copies were dropped")).count(),
                    messages::toString);
        } finally {
            log.removeHandler(handler);
        }
    }
}
