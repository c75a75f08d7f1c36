package im.meerkat.connector.rar.delivery;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import im.meerkat.connector.rar.work.TaskRunner;

/**
 * Runs mailbox deliveries on short-running WorkManager tasks, at most {@code maxWorkers} at
 * once, however many connections have something to deliver. A ready mailbox sits in one queue;
 * a worker takes it, delivers a batch, and puts it back at the end if more is waiting, so busy
 * connections cannot starve quiet ones. Bounding the tasks keeps the WorkManager's queue from
 * overflowing; if it refuses a task anyway, {@link #tick()} tries again.
 */
public final class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class.getName());
    private static final int BATCH = 16;
    private static final int BATCHES_PER_TASK = 64;

    private final TaskRunner runner;
    private final int maxWorkers;
    private final ConcurrentLinkedQueue<Mailbox> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workers = new AtomicInteger();

    public DeliveryDispatcher(TaskRunner runner, int maxWorkers) {
        this.runner = runner;
        this.maxWorkers = maxWorkers;
    }

    void ready(Mailbox mailbox) {
        ready.add(mailbox);
        startWorker();
    }

    /** Called periodically by a selector loop: restarts delivery after a refused task. */
    public void tick() {
        if (!ready.isEmpty()) {
            startWorker();
        }
    }

    private void startWorker() {
        while (true) {
            int current = workers.get();
            if (current >= maxWorkers) {
                return;
            }
            if (workers.compareAndSet(current, current + 1)) {
                break;
            }
        }
        try {
            runner.runShort(this::work);
        } catch (RejectedExecutionException e) {
            workers.decrementAndGet();
            LOG.log(Level.FINE, "delivery task refused; retrying on the next tick", e);
        }
    }

    private void work() {
        for (int batches = 0; ; batches++) {
            if (batches == BATCHES_PER_TASK) {
                // Hand the thread back to the WorkManager now and then under steady load, and
                // continue in a fresh task.
                workers.decrementAndGet();
                startWorker();
                return;
            }
            Mailbox mailbox = ready.poll();
            if (mailbox == null) {
                workers.decrementAndGet();
                // A mailbox queued after the poll but before the decrement might have found
                // every worker busy; take it on rather than leave it waiting for a tick.
                if (ready.isEmpty() || !reacquire()) {
                    return;
                }
                continue;
            }
            boolean more;
            try {
                more = mailbox.deliverBatch(BATCH);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "delivery failed", e);
                more = true;
            }
            if (more) {
                ready.add(mailbox);
            }
        }
    }

    private boolean reacquire() {
        while (true) {
            int current = workers.get();
            if (current >= maxWorkers) {
                return false;
            }
            if (workers.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }
}
