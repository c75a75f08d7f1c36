package im.meerkat.connector.rar.net;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One selector and the thread that serves it: accepts, reads, parses, writes and runs the
 * timers of the connections registered with it. Everything a connection does on the network
 * happens here, so connection state needs no locks; other threads hand work over through
 * {@link #execute}. Nothing here blocks (architecture invariant 1): deliveries to the server
 * go through mailboxes to other threads.
 */
final class SelectorLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(SelectorLoop.class.getName());

    /** What a selection key's attachment does when its channel is ready. */
    interface Handler {
        void ready(SelectionKey key);
    }

    private final String name;
    private final Selector selector;
    private final long tickNanos;
    private final Runnable onTick;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final LoopBuffers buffers = new LoopBuffers();
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final List<Runnable> nextTick = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Thread thread;

    SelectorLoop(String name, long tickNanos, Runnable onTick) throws IOException {
        this.name = name;
        this.selector = Selector.open();
        this.tickNanos = tickNanos;
        this.onTick = onTick;
    }

    Selector selector() {
        return selector;
    }

    LoopBuffers buffers() {
        return buffers;
    }

    /** Runs a task on this loop's thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs a task at the next timer tick; on this loop's thread. */
    void onNextTick(Runnable task) {
        nextTick.add(task);
    }

    void added(Connection connection) {
        connections.add(connection);
    }

    void removed(Connection connection) {
        connections.remove(connection);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        String oldName = thread.getName();
        thread.setName(name);
        try {
            long nextTick = System.nanoTime() + tickNanos;
            while (running) {
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(
                        nextTick - System.nanoTime()));
                if (tasks.isEmpty()) {
                    selector.select(waitMillis);
                } else {
                    selector.selectNow(); // tasks queued by this thread itself are due now
                }
                runTasks();
                handleSelected();
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    tick(now);
                    nextTick = now + tickNanos;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, name + " failed", e);
        } finally {
            shutDownConnections();
            thread.setName(oldName);
            stopped.countDown();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": task failed", e);
            }
        }
    }

    private void handleSelected() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            try {
                if (key.isValid()) {
                    ((Handler) key.attachment()).ready(key);
                }
            } catch (CancelledKeyException e) {
                // closed while its events were being handled
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": unexpected failure on a channel", e);
            }
        }
    }

    private void tick(long now) {
        for (Connection c : new ArrayList<>(connections)) {
            try {
                c.tick(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": timer failed for " + c.id(), e);
            }
        }
        List<Runnable> due = new ArrayList<>(nextTick);
        nextTick.clear();
        due.forEach(Runnable::run);
        onTick.run();
    }

    /** Asks the loop to stop; it closes what is still open. */
    void shutdown() {
        running = false;
        selector.wakeup();
    }

    boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    private void shutDownConnections() {
        runTasks();
        List<Connection> open = new ArrayList<>(connections);
        for (Connection c : open) {
            c.terminateForShutdown();
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing a channel at shutdown", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the selector", e);
        }
    }
}
