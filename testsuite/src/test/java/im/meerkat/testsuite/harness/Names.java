package im.meerkat.testsuite.harness;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Account names no other test uses, in this run or an earlier one against the same database: a
 * prefix that says which test made it, then a per-run stamp and a counter.
 */
public final class Names {

    private static final String RUN = Long.toString(System.currentTimeMillis() % 46_656_000L, 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Names() {
    }

    /** A fresh localpart such as {@code alice-k3f9a-12}. */
    public static String unique(String prefix) {
        return prefix.toLowerCase() + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    /** A password good enough for any rule a server may have. */
    public static String password() {
        return "pw-" + Long.toString(System.nanoTime(), 36) + "-Xy7";
    }
}
