package im.meerkat.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code idle}: logs in many users (over STARTTLS, or {@code --transport websocket|bosh}, see
 * {@link Transport}), sends initial presence, and holds the sessions without traffic; reports
 * the server's live heap and RSS per session. Options: {@code --sessions}
 * (default 10000), {@code --concurrency} (logins in flight, default 16), {@code --mechanism}
 * (PLAIN or SCRAM_SHA_256), {@code --sources} (loopback source addresses to spread the sockets
 * over, see {@link SourceAddresses}), {@code --hold} (seconds, default 10), {@code --prefix} (user
 * names), {@code --processes} (load processes, see {@link Fleet}), {@code --keepalive} (seconds
 * between whitespace keepalives on each TCP session, default 60). Writes logins per second to a
 * CSV and the server's RSS and CPU per second next to it.
 */
final class IdleScenario {

    private static final String PASSWORD = "load-test-password";

    private IdleScenario() {
    }

    static void run(Options options) throws Exception {
        int sessions = options.number("sessions", 10_000);
        int processes = options.number("processes", 1);
        if (options.number("rate", 0) < 0) {
            throw new IllegalArgumentException("--rate is logins started per second, 0 for no limit");
        }
        if (processes > 1 && !Fleet.child(options)) {
            runFleet(options, sessions, processes);
            return;
        }
        boolean child = Fleet.child(options);
        int concurrency = options.number("concurrency", 16);
        int rate = options.number("rate", 0);
        long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
        String prefix = options.text("prefix", "idle");
        XmppClient.Mechanism mechanism = XmppClient.Mechanism.valueOf(options.text("mechanism", "PLAIN"));
        List<String> sources = SourceAddresses.parse(options.text("sources", null));
        XmppClient.Target target = options.target();
        Transport transport = Transport.of(options);
        ServerProcess server = child ? null : ServerProcess.find(options);
        AdminApi admin = options.adminApi();

        System.out.printf("idle: %d sessions on %s:%d%s, %s, %s, %d in flight, %s, sources %s%n", sessions,
                target.host(), target.port(), server == null ? "" : " (server pid " + server.pid() + ")", transport,
                mechanism, concurrency, rate == 0 ? "no rate limit" : rate + " logins/s at most",
                options.text("sources", "any"));
        long started = System.nanoTime();
        forEach(sessions, concurrency, i -> admin.ensureUser(target.domain(), prefix + i, PASSWORD));
        System.out.printf("accounts ready in %.1f s%n", seconds(started));
        Fleet.barrier(options, "accounts");

        Memory before = server == null ? null : Memory.of(server);
        Path csv = SecondRecorder.defaultFile(options, "idle");
        List<LoadClient> clients = Collections.synchronizedList(new ArrayList<>(sessions));
        AtomicInteger failures = new AtomicInteger();
        // WebSocket has the server's pings and BOSH its long polls; TCP needs whitespace
        Thread keepalive = transport == Transport.TCP ? keepalive(clients, options.number("keepalive", 60)) : null;
        try (SecondRecorder recorder = new SecondRecorder(Fleet.ownCsv(options, csv), 0, sessions, child);
                ServerSampler sampler = server == null ? null
                        : new ServerSampler(server, ServerSampler.fileFor(csv))) {
            long loginStart = System.nanoTime();
            forEach(sessions, concurrency, i -> {
                // the pool takes the tasks in order, so the i-th login starts no earlier than i intervals in
                long wait = loginStart + i * interval - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long t0 = System.nanoTime();
                recorder.sent();
                try {
                    LoadClient client = transport.login(options, target, sources.get(i % sources.size()),
                            prefix + i, PASSWORD, mechanism, "load");
                    client.send("<presence xmlns='jabber:client'/>");
                    clients.add(client);
                    recorder.received(System.nanoTime() - t0);
                } catch (IOException e) {
                    recorder.error();
                    if (failures.incrementAndGet() <= 5) {
                        System.out.println("login failed: " + e.getMessage());
                    }
                }
            });
            double loginSeconds = seconds(loginStart);
            System.out.printf("logged in %d (failed %d) in %.1f s: %.0f logins/s%n",
                    clients.size(), failures.get(), loginSeconds, clients.size() / loginSeconds);
            Fleet.result(options, "held", clients.size());
            Fleet.result(options, "failed", failures.get());
            Fleet.result(options, "login-seconds", loginSeconds);
            Fleet.barrier(options, "ready");
            if (!child) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(options.number("hold", 10)));
                report(options, server, before, clients.size());
                System.out.println(sampler.summary());
            }
        } finally {
            if (keepalive != null) {
                keepalive.interrupt();
            }
            clients.forEach(LoadClient::close);
        }
        if (!child) {
            Charts.draw(csv);
            Charts.draw(ServerSampler.fileFor(csv));
        }
    }

    /**
     * Sends a whitespace keepalive (RFC 6120 §4.6.1) on every held session each {@code seconds},
     * as real clients do: without it the server ends streams that stay silent longer than its
     * idle timeout (300 s by default), and a long login phase would lose its first sessions.
     */
    static Thread keepalive(List<? extends LoadClient> clients, int seconds) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                    List<LoadClient> held;
                    synchronized (clients) {
                        held = new ArrayList<>(clients);
                    }
                    for (LoadClient c : held) {
                        if (c == null) {
                            continue; // a slot whose login has not finished
                        }
                        try {
                            c.send(" ");
                        } catch (IOException e) {
                            // a closed session shows in the count the server lists
                        }
                    }
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        }, "keepalive");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** {@code --processes K}: K children log in a K-th of the sessions each, from their own sources. */
    private static void runFleet(Options options, int sessions, int processes) throws Exception {
        ServerProcess server = ServerProcess.find(options);
        String prefix = options.text("prefix", "idle");
        Path csv = SecondRecorder.defaultFile(options, "idle");
        int[] counts = Fleet.split(sessions, processes, 1);
        List<Map<String, String>> shares = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            // each process ramps up at its share of the rate
            int rate = options.number("rate", 0);
            shares.add(Map.of("sessions", Integer.toString(counts[i]), "prefix", prefix + "p" + i + "-",
                    "sources", SourceAddresses.share(options.text("sources", "127.0.0.1"), i, processes),
                    "csv", csv.toString(),
                    "rate", Integer.toString(rate == 0 ? 0 : Math.max(1, rate * counts[i] / sessions))));
        }
        System.out.printf("idle: %d sessions from %d processes, server pid %d%n", sessions, processes, server.pid());
        Memory[] before = new Memory[1];
        ServerSampler[] sampler = new ServerSampler[1];
        try {
            Fleet.run("idle", options, shares, (barrier, results) -> {
                if (barrier.equals("accounts")) {
                    before[0] = Memory.of(server);
                    sampler[0] = new ServerSampler(server, ServerSampler.fileFor(csv));
                } else if (barrier.equals("ready")) {
                    int held = results.getOrDefault("held", 0.0).intValue();
                    System.out.printf("all processes: held %d, failed %d, slowest process logged in in %.1f s%n",
                            held, results.getOrDefault("failed", 0.0).intValue(),
                            results.getOrDefault("login-seconds", 0.0) / processes);
                    Thread.sleep(TimeUnit.SECONDS.toMillis(options.number("hold", 10)));
                    report(options, server, before[0], held);
                }
            });
        } finally {
            if (sampler[0] != null) {
                sampler[0].close();
                System.out.println(sampler[0].summary());
            }
        }
        Percentiles logins = Fleet.merge(csv, processes, 0);
        System.out.println("login time: " + logins.table());
        Charts.draw(csv);
        Charts.draw(ServerSampler.fileFor(csv));
    }

    private static void report(Options options, ServerProcess server, Memory before, int held) throws IOException {
        int listed = options.adminApi().sessionCount();
        Memory after = Memory.of(server);
        System.out.printf("before: live heap %s, RSS %s, threads %d%n", mib(before.heap), mib(before.rss), before.threads);
        System.out.printf("after: live heap %s, RSS %s, threads %d, sessions listed by the server %d%n",
                mib(after.heap), mib(after.rss), after.threads, listed);
        System.out.printf("per session: live heap %s, RSS %.1f KiB%n", before.heap < 0 || after.heap < 0
                ? "unknown (not a JVM)" : String.format("%.1f KiB", (after.heap - before.heap) / 1024.0 / held),
                (after.rss - before.rss) / 1024.0 / held);
    }

    /** The server's live heap (after a full GC; -1 when jcmd cannot tell), RSS and threads. */
    private record Memory(long heap, long rss, long threads) {
        static Memory of(ServerProcess server) throws IOException {
            long heap;
            try {
                heap = server.liveHeapBytes();
            } catch (IOException e) {
                heap = -1;
            }
            return new Memory(heap, server.rssBytes(), server.threads());
        }
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
