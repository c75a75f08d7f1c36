package im.meerkat.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code idle}: logs in many users (over STARTTLS, or {@code --transport websocket|bosh}, see
 * {@link Transport}), sends initial presence, and holds the sessions without traffic; reports the
 * server's live heap and RSS per session. Options: {@code --sessions}
 * (default 10000), {@code --concurrency} (logins in flight, default 16), {@code --mechanism}
 * (PLAIN or SCRAM_SHA_256), {@code --sources} (comma-separated loopback source addresses to spread
 * the sockets over), {@code --hold} (seconds, default 10), {@code --prefix} (user names).
 */
final class IdleScenario {

    private static final String PASSWORD = "load-test-password";

    private IdleScenario() {
    }

    static void run(Options options) throws Exception {
        int sessions = options.number("sessions", 10_000);
        int concurrency = options.number("concurrency", 16);
        String prefix = options.text("prefix", "idle");
        XmppClient.Mechanism mechanism = XmppClient.Mechanism.valueOf(options.text("mechanism", "PLAIN"));
        String[] sources = options.text("sources", "127.0.0.1").split(",");
        XmppClient.Target target = options.target();
        Transport transport = Transport.of(options);
        ServerProcess server = ServerProcess.find(options);
        AdminApi admin = options.adminApi();

        System.out.printf("idle: %d sessions on %s:%d (server pid %d), %s, %s, %d in flight%n",
                sessions, target.host(), target.port(), server.pid(), transport, mechanism, concurrency);
        long started = System.nanoTime();
        forEach(sessions, concurrency, i -> admin.ensureUser(target.domain(), prefix + i, PASSWORD));
        System.out.printf("accounts ready in %.1f s%n", seconds(started));

        long heapBefore = server.liveHeapBytes();
        long rssBefore = server.rssBytes();
        System.out.printf("before: live heap %s, RSS %s, threads %d%n",
                mib(heapBefore), mib(rssBefore), server.threads());

        List<LoadClient> clients = Collections.synchronizedList(new ArrayList<>(sessions));
        AtomicInteger failures = new AtomicInteger();
        long loginStart = System.nanoTime();
        forEach(sessions, concurrency, i -> {
            try {
                LoadClient client = transport.login(options, target, sources[i % sources.length], prefix + i,
                        PASSWORD, mechanism, "load");
                client.send("<presence xmlns='jabber:client'/>");
                clients.add(client);
            } catch (IOException e) {
                if (failures.incrementAndGet() <= 5) {
                    System.out.println("login failed: " + e.getMessage());
                }
            }
        });
        double loginSeconds = seconds(loginStart);
        System.out.printf("logged in %d (failed %d) in %.1f s: %.0f logins/s%n",
                clients.size(), failures.get(), loginSeconds, clients.size() / loginSeconds);

        Thread.sleep(TimeUnit.SECONDS.toMillis(options.number("hold", 10)));
        int listed = admin.sessionCount();
        long heapAfter = server.liveHeapBytes();
        long rssAfter = server.rssBytes();
        System.out.printf("after: live heap %s, RSS %s, threads %d, sessions listed by the server %d%n",
                mib(heapAfter), mib(rssAfter), server.threads(), listed);
        int held = clients.size();
        System.out.printf("per session: live heap %.1f KiB, RSS %.1f KiB%n",
                (heapAfter - heapBefore) / 1024.0 / held, (rssAfter - rssBefore) / 1024.0 / held);
        clients.forEach(LoadClient::close);
    }

    /** Runs the task for 0..count-1 with the given parallelism and waits for all. */
    static void forEach(int count, int parallelism, IndexedTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    task.run(index);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    @FunctionalInterface
    interface IndexedTask {
        void run(int index) throws Exception;
    }
}
