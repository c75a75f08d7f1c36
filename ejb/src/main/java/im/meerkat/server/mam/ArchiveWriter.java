package im.meerkat.server.mam;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes archive rows asynchronously (architecture invariant 9): routing threads put rows into a
 * bounded queue and one thread inserts them in JDBC batches. When the database is slow the queue
 * fills; a routing thread then waits at most {@link MamSettings#enqueueWaitMillis()} and gives up
 * the archive copy, which is counted and logged at most once a minute, while the message itself
 * is still delivered. A failing batch is kept and retried with growing pauses until the database
 * answers. On clean shutdown the queue is drained before the application stops.
 */
@ApplicationScoped
public class ArchiveWriter {

    private static final Logger LOG = Logger.getLogger(ArchiveWriter.class.getName());
    static final String INSERT = "INSERT INTO " + ArchivedMessage.TABLE
            + " (id, owner, peer, peer_resource, xml) VALUES (?, ?, ?, ?, ?)";
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long MAX_PAUSE_MILLIS = 30_000;
    private static final long SHUTDOWN_WAIT_MILLIS = 60_000;

    @Resource(lookup = "java:jboss/datasources/MeerkatDS")
    private DataSource dataSource;
    @Resource
    private ManagedThreadFactory threads;
    private MamSettings settings;

    private BlockingQueue<ArchiveRow> queue;
    private Thread worker;
    private volatile boolean stopping;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedLogged = new AtomicLong();
    private volatile long lastDropLog = System.nanoTime() - LOG_INTERVAL_NANOS;
    private volatile long lastFailureLog = System.nanoTime() - LOG_INTERVAL_NANOS;

    /** For the container. */
    protected ArchiveWriter() {
    }

    @Inject
    public ArchiveWriter(MamSettings settings) {
        this.settings = settings;
    }

    /** For tests: a data source and thread factory of their own, started at once. */
    public ArchiveWriter(MamSettings settings, DataSource dataSource, ThreadFactory threads) {
        this.settings = settings;
        this.dataSource = dataSource;
        start(threads);
    }

    @PostConstruct
    void start() {
        start(threads);
    }

    private void start(ThreadFactory factory) {
        queue = new ArrayBlockingQueue<>(settings.queue());
        worker = factory.newThread(this::run);
        worker.setName("meerkat-mam-writer");
        worker.start();
    }

    /** Starts the writer with the application, so that bad settings stop the deployment. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        queued(); // reaching the bean through its proxy creates it
    }

    /**
     * Queues a row; waits a bounded time when the queue is full.
     *
     * @return false when the row was dropped (counted in {@link #dropped()})
     */
    public boolean write(ArchiveRow row) {
        try {
            if (!stopping && queue.offer(row, settings.enqueueWaitMillis(), TimeUnit.MILLISECONDS)) {
                enqueued.incrementAndGet();
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastDropLog >= LOG_INTERVAL_NANOS) {
            lastDropLog = now;
            long total = dropped.get();
            LOG.warning("message archive queue full or closed: " + (total - droppedLogged.getAndSet(total))
                    + " archive copies dropped since the last report, " + total + " in all");
        }
        return false;
    }

    /**
     * Waits until every row queued before this call has been written, or the time is up: a query
     * then sees the messages its requester has just exchanged.
     */
    public void awaitWritten(long timeoutMillis) {
        long target = enqueued.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (written.get() < target && System.nanoTime() < deadline && !stopping) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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

    private void run() {
        List<ArchiveRow> batch = new ArrayList<>(settings.batch());
        long pause = 100;
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
                insert(batch);
                written.addAndGet(batch.size());
                batch.clear();
                pause = 100;
                failures = 0;
            } catch (InterruptedException e) {
                if (batch.isEmpty() && queue.isEmpty()) {
                    return;
                }
                Thread.interrupted(); // finish the drain first
            } catch (SQLException | RuntimeException e) {
                failed(batch, e);
                if (++failures >= 3 && !(e instanceof SQLException s && isConnectionLoss(s))) {
                    // the database answers but refuses the batch: keep the rows it accepts
                    written.addAndGet(batch.size());
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

    private void insertOneByOne(List<ArchiveRow> batch) {
        for (ArchiveRow row : batch) {
            try {
                insert(List.of(row));
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "archived message " + row.id() + " of " + row.owner()
                        + " refused by the database; dropped", e);
            }
        }
    }

    private void failed(List<ArchiveRow> batch, Exception e) {
        long now = System.nanoTime();
        if (now - lastFailureLog >= LOG_INTERVAL_NANOS) {
            lastFailureLog = now;
            LOG.log(Level.WARNING, "writing " + batch.size() + " archived messages failed; "
                    + queue.size() + " more wait; retrying", e);
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

    void insert(List<ArchiveRow> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (ArchiveRow row : rows) {
                    insert.setLong(1, row.id());
                    insert.setString(2, row.owner());
                    insert.setString(3, row.peer());
                    insert.setString(4, row.peerResource());
                    insert.setString(5, row.xml());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
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
