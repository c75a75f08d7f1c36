package im.meerkat.server.stream;

import java.time.Duration;

/**
 * Runs a task later without holding the calling thread: used to delay SASL failures. In the
 * server it is the container's managed scheduled executor.
 */
@FunctionalInterface
public interface StreamScheduler {

    void schedule(Runnable task, Duration delay);
}
