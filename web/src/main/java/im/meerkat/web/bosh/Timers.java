package im.meerkat.web.bosh;

import java.time.Duration;

/** Delayed tasks of BOSH sessions (wait, inactivity): the container's scheduler, or a test clock. */
interface Timers {

    /** A scheduled task, cancelled when it is no longer due. */
    interface Timer {
        void cancel();
    }

    Timer schedule(Runnable task, Duration delay);
}
