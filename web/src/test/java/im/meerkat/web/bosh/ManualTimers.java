package im.meerkat.web.bosh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Timers that run only when the test says time has passed. */
final class ManualTimers implements Timers {

    private final List<Entry> entries = new ArrayList<>();
    private Duration now = Duration.ZERO;

    @Override
    public synchronized Timer schedule(Runnable task, Duration delay) {
        Entry e = new Entry(task, now.plus(delay));
        entries.add(e);
        return () -> e.cancelled = true;
    }

    /** Lets time pass and runs what became due, in order. */
    void advance(Duration by) {
        now = now.plus(by);
        runDue();
    }

    void runDue() {
        while (true) {
            Entry due = null;
            synchronized (this) {
                for (Entry e : entries) {
                    if (!e.cancelled && e.at.compareTo(now) <= 0 && (due == null || e.at.compareTo(due.at) < 0)) {
                        due = e;
                    }
                }
                if (due == null) {
                    return;
                }
                entries.remove(due);
            }
            due.task.run();
        }
    }

    private static final class Entry {
        final Runnable task;
        final Duration at;
        boolean cancelled;

        Entry(Runnable task, Duration at) {
            this.task = task;
            this.at = at;
        }
    }
}
