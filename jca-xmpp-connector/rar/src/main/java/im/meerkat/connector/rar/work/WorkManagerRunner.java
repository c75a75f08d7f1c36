package im.meerkat.connector.rar.work;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

/**
 * Runs the connector's tasks as JCA {@link Work} (Connectors 2.1 §10). Selector loops carry the
 * long-running hint (§11.6.1.3) so that WildFly runs them on its long-running pool and they do
 * not starve short deliveries.
 */
public final class WorkManagerRunner implements TaskRunner {

    private final WorkManager workManager;

    public WorkManagerRunner(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void runLongRunning(Runnable task, Runnable onRelease) {
        schedule(new LongRunningWork(task, onRelease));
    }

    @Override
    public void runShort(Runnable task) {
        schedule(new ShortWork(task));
    }

    private void schedule(Work work) {
        try {
            workManager.scheduleWork(work);
        } catch (WorkException e) {
            RejectedExecutionException rejected =
                    new RejectedExecutionException("the WorkManager refused a task", e);
            throw rejected;
        }
    }

    /** A task that runs until the connector stops; release() asks it to stop. */
    private record LongRunningWork(Runnable task, Runnable onRelease)
            implements Work, WorkContextProvider {

        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            onRelease.run();
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            HintsContext hints = new HintsContext();
            hints.setName("meerkat-xmpp selector loop");
            hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
            return List.of(hints);
        }
    }

    /** A short task; there is nothing to interrupt on release. */
    private record ShortWork(Runnable task) implements Work {

        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            // deliveries finish on their own within one batch
        }
    }
}
