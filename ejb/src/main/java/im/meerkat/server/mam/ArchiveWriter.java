package im.meerkat.server.mam;

import im.meerkat.server.metrics.ServerMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes archive rows asynchronously (architecture invariant 9): routing threads put rows into a
 * bounded queue and one thread inserts them in JDBC batches, so routing never waits for the
 * database. When the database is slow or unreachable the queue fills up to
 * {@link MamSettings#queue()} rows; past that bound a routing thread waits at most
 * {@link MamSettings#enqueueWaitMillis()} (default 0) and gives up the archive copy, while the
 * message itself is still delivered. A failing batch is kept and retried with pauses growing up
 * to {@value #MAX_PAUSE_MILLIS} ms until the database answers, so no row is lost while the queue
 * holds. An outage and a period of drops are each logged once when they begin and once when they
 * end, and counted in {@link ServerMetrics}. On clean shutdown the queue is drained before the
 * application stops.
 */
@ApplicationScoped
public class ArchiveWriter {

    private static final Logger LOG = Logger.getLogger(ArchiveWriter.class.getName());
    static final String INSERT = "INSERT INTO " + ArchivedMessage.TABLE
            + " (id, owner, peer, peer_resource, xml) VALUES (?, ?, ?, ?, ?)";
    static final long MAX_PAUSE_MILLIS = 5_000;
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long SHUTDOWN_WAIT_MILLIS = 60_000;

    @Resource(lookup = "java:jboss/datasources/MeerkatDS")
    private DataSource dataSource;
    @Resource
    private ManagedThreadFactory threads;
    private MamSettings settings;
    private ServerMetrics metrics;

    private BlockingQueue<ArchiveRow> queue;
    private Thread worker;
    private volatile boolean stopping;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Set by the first drop of a period of drops, cleared when the queue has room again. */
    private final AtomicBoolean dropping = new AtomicBoolean();
    private volatile long droppedBeforePeriod;
    /** When the current outage began ({@link System#nanoTime()}), 0 while writes succeed. */
    private volatile long failingSince;
    private long failedAttempts;

    /** For the container. */
    protected ArchiveWriter() {
    }

    @Inject
    public ArchiveWriter(MamSettings settings, ServerMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /** For tests: a data source and thread factory of their own, started at once. */
    public ArchiveWriter(MamSettings settings, DataSource dataSource, ThreadFactory threads) {
        this(settings, dataSource, threads, ServerMetrics.none());
    }

    /** For tests and tools: also metrics of their own. */
    public ArchiveWriter(MamSettings settings, DataSource dataSource, ThreadFactory threads,
            ServerMetrics metrics) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.metrics = metrics;
        start(threads);
    }

    @PostConstruct
    void start() {
        start(threads);
    }

    private void start(ThreadFactory factory) {
        queue = new ArrayBlockingQueue<>(settings.queue());
        metrics.archiveGauges(() -> (long) queue.size(), () -> failingSince != 0 ? 1L : 0L);
        worker = factory.newThread(this::run);
        worker.setName("meerkat-mam-writer");
        worker.start();
    }

    /** Starts the writer with the application, so that bad settings stop the deployment. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        queued(); // reaching the bean through its proxy creates it
    }

    /**
     * Queues a row. When the queue is full it waits at most {@link MamSettings#enqueueWaitMillis()}
     * (by default not at all).
     *
     * @return false when the row was dropped (counted in {@link #dropped()})
     */
    public boolean write(ArchiveRow row) {
        if (!stopping && offer(row)) {
            enqueued.incrementAndGet();
            return true;
        }
        long total = dropped.incrementAndGet();
        metrics.archiveDropped(1);
        if (dropping.compareAndSet(false, true)) {
            droppedBeforePeriod = total - 1;
            LOG.warning(stopping ? "message archive closed for shutdown: archive copies of messages"
                    + " routed from now on are dropped"
                    : "message archive queue full (" + settings.queue() + " rows, "
                    + MamSettings.QUEUE + "): archive copies are dropped until the database catches"
                    + " up; " + (failingSince != 0 ? "the database is unreachable" : "the database is too slow"));
        }
        return false;
    }

    private boolean offer(ArchiveRow row) {
        int wait = settings.enqueueWaitMillis();
        if (wait == 0) {
            return queue.offer(row);
        }
        try {
            return queue.offer(row, wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until every row queued before this call has been handled (written, or refused by the
     * database), so that a query sees the messages its requester has just exchanged
     * (read-your-writes). It waits as long as the writer makes progress, however long the queue
     * ahead of those rows is; it gives up only when no row has been handled for
     * {@code stallMillis} (the database is unreachable or hangs) or the writer stops.
     *
     * @return true when the rows queued before the call have been handled
     */
    public boolean awaitWritten(long stallMillis) {
        long target = enqueued.get();
        long stall = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        long seen = written.get();
        long lastProgress = System.nanoTime();
        while (seen < target) {
            if (stopping || System.nanoTime() - lastProgress >= stall) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long now = written.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
        }
        return true;
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public int queued() {
        return queue.size();
    }

    /** False while writes fail (the database is unreachable or refuses them). */
    public boolean databaseAnswers() {
        return failingSince == 0;
    }

    private void run() {
        List<ArchiveRow> batch = new ArrayList<>(settings.batch());
        long pause = FIRST_PAUSE_MILLIS;
        int failures = 0;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    ArchiveRow first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, settings.batch() - 1);
                }
                long started = System.nanoTime();
                insert(batch);
                metrics.archiveWritten(batch.size(), System.nanoTime() - started);
                written.addAndGet(batch.size());
                batch.clear();
                pause = FIRST_PAUSE_MILLIS;
                failures = 0;
                succeeded();
            } catch (InterruptedException e) {
                if (batch.isEmpty() && queue.isEmpty()) {
                    return;
                }
                Thread.interrupted(); // finish the drain first
            } catch (SQLException | RuntimeException e) {
                failed(batch, e);
                if (e instanceof SQLException s && !isConnectionLoss(s)
                        && (isConstraint(s) || ++failures >= 3)) {
                    // the database answers but refuses the batch: keep the rows it accepts
                    insertOneByOne(batch);
                    batch.clear();
                    failures = 0;
                    continue;
                }
                if (!sleep(pause)) {
                    return;
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        }
    }

    private static boolean isConnectionLoss(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    /** SQLSTATE class 23, integrity constraint violation: retrying the same rows cannot help. */
    private static boolean isConstraint(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private void insertOneByOne(List<ArchiveRow> batch) {
        for (ArchiveRow row : batch) {
            try {
                insert(List.of(row));
                metrics.archiveWritten(1, 0);
                written.incrementAndGet();
            } catch (SQLException e) {
                written.incrementAndGet();
                if (isDuplicateKey(e)) {
                    // written by an earlier attempt whose commit went through unacknowledged
                    LOG.fine(() -> "archived message " + row.id() + " was already written");
                } else {
                    refused(row, e);
                }
            } catch (RuntimeException e) {
                written.incrementAndGet();
                refused(row, e);
            }
        }
        succeeded();
    }

    private void refused(ArchiveRow row, Exception e) {
        dropped.incrementAndGet();
        metrics.archiveDropped(1);
        LOG.log(Level.WARNING, "archived message " + row.id() + " of " + row.owner()
                + " refused by the database; dropped", e);
    }

    /** The first failure of an outage is logged; the following ones only counted. */
    private void failed(List<ArchiveRow> batch, Exception e) {
        metrics.archiveWriteFailed();
        failedAttempts++;
        if (failingSince == 0) {
            failingSince = System.nanoTime();
            LOG.log(Level.WARNING, "writing " + batch.size() + " archived messages failed; "
                    + queue.size() + " more wait in the queue (at most " + settings.queue()
                    + "); retrying until the database answers", e);
        } else {
            LOG.log(Level.FINE, "archive write retry failed", e);
        }
    }

    /** Ends an outage and a period of drops, each with one line in the log. */
    private void succeeded() {
        if (failingSince != 0) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - failingSince);
            LOG.info("archived messages are written again after " + seconds + " s and "
                    + failedAttempts + " failed attempts; " + queue.size() + " wait in the queue");
            failingSince = 0;
            failedAttempts = 0;
        }
        if (dropping.get() && queue.size() <= settings.queue() / 2 && !stopping) {
            dropping.set(false);
            LOG.info("message archive queue has room again; " + (dropped.get() - droppedBeforePeriod)
                    + " archive copies were dropped while it was full");
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return !stopping; // asked to stop while the database is away: give up the rest
        }
    }

    /**
     * Inserts the rows in one transaction: groups of {@link MamSettings#insertRows()} rows as one
     * multi-row INSERT each (one statement, reused through the JDBC batch), the rest one row per
     * statement in a second batch. A multi-row statement costs the database one parse, plan and
     * executor start for many rows.
     */
    void insert(List<ArchiveRow> rows) throws SQLException {
        int group = settings.insertRows();
        int grouped = group > 1 ? rows.size() / group * group : 0;
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (grouped > 0) {
                    try (PreparedStatement insert = c.prepareStatement(insertSql(group))) {
                        for (int i = 0; i < grouped; i += group) {
                            bind(insert, rows.subList(i, i + group));
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
                if (grouped < rows.size()) {
                    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                        for (ArchiveRow row : rows.subList(grouped, rows.size())) {
                            bind(insert, List.of(row));
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(INSERT);
        for (int i = 1; i < rows; i++) {
            sql.append(", (?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement insert, List<ArchiveRow> rows) throws SQLException {
        int p = 1;
        for (ArchiveRow row : rows) {
            insert.setLong(p++, row.id());
            insert.setString(p++, row.owner());
            insert.setString(p++, row.peer());
            insert.setString(p++, row.peerResource());
            insert.setString(p++, row.xml());
        }
    }

    /** Clean shutdown: no more rows are taken, and those queued are written first. */
    @PreDestroy
    public void stop() {
        stopping = true;
        try {
            worker.join(SHUTDOWN_WAIT_MILLIS);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.warning(queue.size() + " archived messages were not written before shutdown");
        }
    }
}
