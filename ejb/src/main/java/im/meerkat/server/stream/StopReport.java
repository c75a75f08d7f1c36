package im.meerkat.server.stream;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntSupplier;

/**
 * While the node stops, says every few seconds in the log how many client streams are still to
 * end and how many session ends are under way, until none is left. It runs on a thread of its
 * own, since a suspended server runs no scheduled task; {@code bin/meerkat stop} takes a growing
 * log for progress and does not kill a node that is still ending sessions.
 */
final class StopReport implements Runnable {

    private static final System.Logger LOG = System.getLogger(StopReport.class.getName());

    private final IntSupplier open;
    private final IntSupplier underWay;
    private final Duration every;
    private Thread thread;
    private volatile boolean stopped;

    /**
     * @param open     client streams not ended yet
     * @param underWay session ends running on other threads
     */
    StopReport(IntSupplier open, IntSupplier underWay, Duration every) {
        this.open = open;
        this.underWay = underWay;
        this.every = every;
    }

    /** Starts reporting, unless a report runs already. */
    synchronized void start(ThreadFactory threads) {
        if (stopped || (thread != null && thread.isAlive())) {
            return;
        }
        thread = threads.newThread(this);
        thread.setName("meerkat-stop-report");
        thread.start();
    }

    /** Stops reporting for good: the streams are ended. */
    synchronized void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            int streams = open.getAsInt();
            int ends = underWay.getAsInt();
            if (streams == 0 && ends == 0) {
                return;
            }
            LOG.log(Level.INFO, "stopping: {0} client streams still to end, {1} session ends"
                    + " under way (logout records, unavailable presence)", streams, ends);
        }
    }
}
