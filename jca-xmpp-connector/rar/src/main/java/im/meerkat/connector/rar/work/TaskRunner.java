package im.meerkat.connector.rar.work;

import java.util.concurrent.RejectedExecutionException;

/**
 * Where the connector gets its threads. In the server this is the JCA WorkManager
 * ({@link WorkManagerRunner}); the connector never starts threads of its own (architecture
 * invariant 1).
 */
public interface TaskRunner {

    /** Runs a task that lives as long as the connector, such as a selector loop. */
    void runLongRunning(Runnable task, Runnable onRelease) throws RejectedExecutionException;

    /** Runs a short task, such as one round of deliveries. */
    void runShort(Runnable task) throws RejectedExecutionException;
}
