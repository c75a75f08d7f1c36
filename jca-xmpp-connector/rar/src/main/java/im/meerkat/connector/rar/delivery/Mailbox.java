package im.meerkat.connector.rar.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;

/**
 * The events one connection has read and not yet delivered (architecture invariants 2 and 3).
 * The connection's selector thread offers; the {@link DeliveryDispatcher} hands the mailbox to
 * at most one delivery thread at a time, so events reach the listener one by one in order.
 *
 * <p>The capacity is soft: the selector thread stops reading once it is reached, so the events
 * of the read in progress still fit. Below half of it, {@code resume} asks the selector to read
 * again.
 */
public final class Mailbox {

    private final ConnectionId id;
    private final DeliveryTarget target;
    private final DeliveryDispatcher dispatcher;
    private final int capacity;
    private final Runnable resume;
    private final ConcurrentLinkedQueue<DeliveryEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    /** Whether the mailbox is in the dispatcher's ready queue or being delivered. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile boolean closed;

    public Mailbox(ConnectionId id, DeliveryTarget target, DeliveryDispatcher dispatcher,
            int capacity, Runnable resume) {
        this.id = id;
        this.target = target;
        this.dispatcher = dispatcher;
        this.capacity = capacity;
        this.resume = resume;
        target.attached();
    }

    /** Queues an event; ignored once {@link #close} has queued the last one. */
    public void offer(DeliveryEvent event) {
        if (closed) {
            return;
        }
        add(event);
    }

    /** Queues the final connectionClosed event; nothing is accepted after it. */
    public void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        add(new DeliveryEvent.Closed(reason));
    }

    private void add(DeliveryEvent event) {
        events.add(event);
        size.incrementAndGet();
        if (scheduled.compareAndSet(false, true)) {
            dispatcher.ready(this);
        }
    }

    /**
     * Called by the selector thread after a read: whether reading must pause because the
     * listener is behind. When it returns true, {@code resume} runs once the mailbox drains.
     */
    public boolean pauseIfFull() {
        if (size.get() < capacity) {
            return false;
        }
        paused.set(true);
        // The delivery thread may have drained everything between the check and the flag.
        return !(size.get() <= capacity / 2 && paused.compareAndSet(true, false));
    }

    /** Events waiting; for tests and metrics. */
    public int size() {
        return size.get();
    }

    /**
     * Delivers up to {@code max} events. Runs on one delivery thread at a time.
     *
     * @return whether more events wait, so the mailbox must go back to the ready queue
     */
    boolean deliverBatch(int max) {
        List<DeliveryEvent> batch = new ArrayList<>(Math.min(max, 8));
        DeliveryEvent event;
        while (batch.size() < max && (event = events.poll()) != null) {
            batch.add(event);
        }
        if (!batch.isEmpty()) {
            try {
                target.deliver(id, batch);
            } finally {
                if (batch.get(batch.size() - 1) instanceof DeliveryEvent.Closed) {
                    target.detached();
                }
                int left = size.addAndGet(-batch.size());
                if (left <= capacity / 2 && paused.compareAndSet(true, false)) {
                    resume.run();
                }
            }
        }
        if (!events.isEmpty()) {
            return true;
        }
        scheduled.set(false);
        // An event offered after the poll above but before the flag was cleared.
        return !events.isEmpty() && scheduled.compareAndSet(false, true);
    }
}
