package im.meerkat.testsuite.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a client's view of the server to reach a state. */
public final class Await {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Polls until the condition holds; fails with {@code what} and the last state otherwise. */
    public static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
        until(what, WAIT, condition, state);
    }

    public static void until(String what, Duration wait, BooleanSupplier condition,
            Supplier<Object> state) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; state: "
                        + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
