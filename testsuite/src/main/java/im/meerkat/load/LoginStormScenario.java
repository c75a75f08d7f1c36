package im.meerkat.load;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code login-storm}: {@code --count} complete logins (TCP connect, STARTTLS, SASL with
 * {@code --mechanism} PLAIN or SCRAM_SHA_256, resource binding, then a clean close), started at
 * {@code --rate} a second with at most {@code --concurrency} in flight, over {@code --accounts}
 * accounts (each login binds its own resource). A login that cannot start because all slots
 * are busy waits, so the achieved rate shows what the server sustains. Bounded by the count and
 * by {@value #MAX_COUNT}.
 */
final class LoginStormScenario {

    static final int MAX_COUNT = 100_000;
    private static final String PASSWORD = "load-test-password";

    private LoginStormScenario() {
    }

    static void run(Options options) throws Exception {
        int count = options.number("count", 1000);
        int rate = options.number("rate", 200);
        int concurrency = options.number("concurrency", 32);
        int accounts = options.number("accounts", Math.min(count, 100));
        String prefix = options.text("prefix", "storm");
        XmppClient.Mechanism mechanism = XmppClient.Mechanism.valueOf(options.text("mechanism", "SCRAM_SHA_256"));
        if (count < 1 || count > MAX_COUNT || rate < 1 || concurrency < 1 || concurrency > 1000
                || accounts < 1 || accounts > count) {
            throw new IllegalArgumentException("--count 1.." + MAX_COUNT + ", --rate >= 1, --concurrency 1..1000, "
                    + "--accounts 1..count");
        }
        XmppClient.Target target = options.target();
        AdminApi admin = options.adminApi();
        IdleScenario.forEach(accounts, Math.min(concurrency, 16),
                i -> admin.ensureUser(target.domain(), prefix + i, PASSWORD));

        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger shown = new AtomicInteger();
        try (SecondRecorder recorder = new SecondRecorder(SecondRecorder.defaultFile(options, "login-storm"), 0,
                count)) {
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            long next = start;
            for (int i = 0; i < count; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                slots.acquire();
                int index = i;
                recorder.sent();
                pool.execute(() -> {
                    long begun = System.nanoTime();
                    try (XmppClient c = XmppClient.login(target, null, prefix + (index % accounts), PASSWORD,
                            mechanism, "storm" + index)) {
                        recorder.received(System.nanoTime() - begun);
                    } catch (IOException | RuntimeException e) {
                        recorder.error();
                        if (shown.incrementAndGet() <= 5) {
                            System.out.println("login failed: " + e.getMessage());
                        }
                    } finally {
                        slots.release();
                    }
                });
                next += interval;
            }
            slots.acquire(concurrency);
            double seconds = IdleScenario.seconds(start);
            System.out.printf("login-storm: %d logins with %s, asked %d/s, %d in flight at most: "
                    + "%d ok, %d failed in %.1f s = %.1f logins/s%n", count, mechanism, rate, concurrency,
                    recorder.totalReceived(), recorder.totalErrors(), seconds, recorder.totalReceived() / seconds);
            System.out.println("login time: " + recorder.summary().table());
            System.out.println("per second: " + recorder.file());
        } finally {
            pool.shutdownNow();
        }
    }
}
