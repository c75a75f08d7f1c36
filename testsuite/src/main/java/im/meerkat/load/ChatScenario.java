package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code chat}: {@code --users} online users (even, at most {@value #MAX_USERS}) in pairs, user
 * 2k and 2k+1 chatting; one sender thread sends one-to-one messages round-robin over the users
 * at {@code --rate} messages a second in total for {@code --duration} seconds. Each body holds the
 * send time ({@link System#nanoTime()}, one clock: all clients live in this process), so the
 * receiving side measures end-to-end latency. The users are read by {@code --readers} threads
 * (default 2) of a {@link ReaderPool}, not a thread each, so one process holds up to
 * {@value #MAX_USERS} of them. The first {@code --warmup} seconds are
 * left out of the summary but are in the CSV. {@code --rates A,B,C} runs one step of
 * {@code --duration} seconds per rate on the same logged-in users (one CSV per rate), to find the
 * highest rate under a latency target without logging in again; {@code --processes K} spreads the
 * pairs over K load processes ({@link Fleet}). Everything is bounded: users per process, duration,
 * steps, and five seconds to drain after each step. {@code --archive always,never} sets each
 * user's archive preference (XEP-0313 §6) and repeats the rate steps for each.
 */
final class ChatScenario {

    static final int MAX_USERS = 10_000;
    static final int MAX_DURATION = 600;
    private static final String PASSWORD = "load-test-password";

    private ChatScenario() {
    }

    static void run(Options options) throws Exception {
        int users = options.number("users", 100);
        int rate = options.number("rate", 1000);
        int duration = options.number("duration", 30);
        int warmup = options.number("warmup", 5);
        int concurrency = options.number("concurrency", 16);
        int readerThreads = options.number("readers", 2);
        String prefix = options.text("prefix", "chat");
        XmppClient.Mechanism mechanism = XmppClient.Mechanism.valueOf(options.text("mechanism", "PLAIN"));
        int processes = options.number("processes", 1);
        if (processes > 1 && !Fleet.child(options)) {
            runFleet(options, users, rate, processes, warmup);
            return;
        }
        if (users < 2 || users % 2 != 0 || users > MAX_USERS) {
            throw new IllegalArgumentException("--users must be even, 2.." + MAX_USERS
                    + " per process (more with --processes)");
        }
        List<String> sources = SourceAddresses.parse(options.text("sources", null));
        List<Step> steps = steps(options);
        String archive = steps.get(0).archive();
        ServerProcess server = Fleet.child(options) ? null : findServer(options);
        if (readerThreads < 1 || readerThreads > 64) {
            throw new IllegalArgumentException("--readers 1..64");
        }
        if (rate < 1 || duration < 1 || duration > MAX_DURATION || warmup < 0 || warmup >= duration) {
            throw new IllegalArgumentException("--rate >= 1, --duration 1.." + MAX_DURATION
                    + ", --warmup 0..duration-1");
        }
        XmppClient.Target target = options.target();
        AdminApi admin = options.adminApi();
        IdleScenario.forEach(users, concurrency, i -> admin.ensureUser(target.domain(), prefix + i, PASSWORD));
        Fleet.barrier(options, "accounts");

        List<XmppClient> clients = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(users, null)));
        AtomicInteger loginFailures = new AtomicInteger();
        // without it the server ends streams silent for 300 s: the first users of a long login phase
        Thread keepalive = IdleScenario.keepalive(clients, options.number("keepalive", 60));
        long loginStart = System.nanoTime();
        IdleScenario.forEach(users, concurrency, i -> {
            try {
                XmppClient c = XmppClient.loginSelectable(target, sources.get(i % sources.size()), prefix + i, PASSWORD,
                        mechanism, "chat");
                c.send("<presence/>");
                if (archive != null) {
                    archivePreference(c, archive);
                }
                clients.set(i, c);
            } catch (IOException e) {
                if (loginFailures.incrementAndGet() <= 5) {
                    System.out.println("login failed: " + e.getMessage());
                }
            }
        });
        System.out.printf("chat: %d users logged in (%d failed) in %.1f s with %s%n", users - loginFailures.get(),
                loginFailures.get(), IdleScenario.seconds(loginStart), mechanism);
        if (loginFailures.get() > 0) {
            keepalive.interrupt();
            clients.forEach(c -> {
                if (c != null) {
                    c.close();
                }
            });
            throw new IOException("not every user could log in");
        }
        Fleet.barrier(options, "ready");

        boolean child = Fleet.child(options);
        int totalUsers = options.number("total-users", users);
        Path base = SecondRecorder.defaultFile(options, "chat");
        AtomicReference<Measuring> current = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (ReaderPool readers = new ReaderPool(readerThreads, new Receiver(current, stop))) {
            clients.forEach(readers::add);
            for (int k = 0; k < steps.size(); k++) {
                Step step = steps.get(k);
                int mine = Math.max(1, (int) Math.round((double) step.rate() * users / totalUsers));
                Path csv = stepCsv(base, steps, k);
                if (k > 0 && !java.util.Objects.equals(step.archive(), steps.get(k - 1).archive())) {
                    for (XmppClient c : clients) {
                        c.send("<iq type='set' id='mam-prefs'><prefs xmlns='urn:xmpp:mam:2' default='"
                                + step.archive() + "'/></iq>");
                    }
                    // the server caches preferences for up to 10 s (docs/ARCHIVE.md)
                    Thread.sleep(11_000);
                }
                Fleet.barrier(options, "step" + k);
                try (SecondRecorder recorder = new SecondRecorder(Fleet.ownCsv(options, csv), warmup,
                        Math.min(mine * duration, 5_000_000), child);
                        ServerSampler sampler = server == null ? null
                                : new ServerSampler(server, ServerSampler.fileFor(csv))) {
                    current.set(new Measuring(recorder, System.nanoTime()));
                    send(clients, mine, duration, recorder);
                    // Drain: until every message came back or failed, five seconds at most.
                    long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (recorder.totalReceived() + recorder.totalErrors() < recorder.totalSent()
                            && System.nanoTime() < drainEnd) {
                        Thread.sleep(20);
                    }
                    current.set(null);
                    System.out.printf("chat: %d users, %d msg/s for %d s%s: sent %d, received %d, errors %d%n", users,
                            mine, duration, step.archive() == null ? "" : ", archive " + step.archive(), recorder.totalSent(), recorder.totalReceived(), recorder.totalErrors());
                    System.out.println("end-to-end after " + warmup + " s warm-up: " + recorder.summary().table());
                    System.out.println("per second: " + recorder.file());
                    Fleet.result(options, "sent" + k, recorder.totalSent());
                    Fleet.result(options, "received" + k, recorder.totalReceived());
                    Fleet.result(options, "errors" + k, recorder.totalErrors());
                    if (sampler != null) {
                        System.out.println(sampler.summary());
                    }
                }
                if (!child) {
                    Charts.draw(csv);
                    if (server != null) {
                        Charts.draw(ServerSampler.fileFor(csv));
                    }
                }
            }
        } finally {
            stop.set(true);
            keepalive.interrupt();
            clients.forEach(XmppClient::close);
        }
    }

    /**
     * Sets the user's archive default (XEP-0313 §6 preferences), so that one run measures chat with
     * the message archive on and another with it off, whatever the server's default.
     */
    private static void archivePreference(XmppClient c, String archive) throws IOException {
        c.send("<iq type='set' id='mam-prefs'><prefs xmlns='urn:xmpp:mam:2' default='" + archive + "'/></iq>");
        while (true) {
            Element e = c.next(30_000);
            if (e == null) {
                throw new IOException("no answer to the archive preferences");
            }
            if ("mam-prefs".equals(e.attribute("id"))) {
                if (!"result".equals(e.attribute("type"))) {
                    throw new IOException("archive preferences refused: " + e.toXml());
                }
                return;
            }
        }
    }

    /** One measured step: a total rate, with the archive preference set for it (null: as it is). */
    record Step(int rate, String archive) {
    }

    /**
     * The steps, each {@code --duration} s on the same logged-in users: every rate of
     * {@code --rates A,B,C} (or the one {@code --rate}) for each preference of
     * {@code --archive always,never} (if given).
     */
    static List<Step> steps(Options options) {
        String list = options.text("rates", options.text("rate", "1000"));
        int[] rates = java.util.Arrays.stream(list.split(",")).mapToInt(r -> Integer.parseInt(r.trim())).toArray();
        if (rates.length == 0 || rates.length > 20 || java.util.Arrays.stream(rates).anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException("--rates: 1 to 20 rates, each >= 1");
        }
        List<String> archives = new ArrayList<>();
        if (options.has("archive")) {
            for (String a : options.text("archive", "").split(",")) {
                if (!a.equals("always") && !a.equals("never")) {
                    throw new IllegalArgumentException("--archive always|never (or both, comma-separated)");
                }
                archives.add(a);
            }
        } else {
            archives.add(null);
        }
        List<Step> steps = new ArrayList<>();
        for (String archive : archives) {
            for (int rate : rates) {
                steps.add(new Step(rate, archive));
            }
        }
        return steps;
    }

    /** The CSV of step {@code k}: the run's own when there is one step, else named after the step. */
    static Path stepCsv(Path base, List<Step> steps, int k) {
        if (steps.size() == 1) {
            return base;
        }
        Step step = steps.get(k);
        return base.resolveSibling(base.getFileName().toString().replaceFirst("\\.csv$", "") + "-" + step.rate()
                + (step.archive() == null ? "" : "-archive-" + step.archive()) + ".csv");
    }

    /**
     * {@code --processes K}: K children with a K-th of the pairs and of the rate each; they start
     * sending together and the parent merges their samples.
     */
    private static void runFleet(Options options, int users, int rate, int processes, int warmup) throws Exception {
        int[] counts = Fleet.split(users, processes, 2);
        String prefix = options.text("prefix", "chat");
        Path base = SecondRecorder.defaultFile(options, "chat");
        List<Step> steps = steps(options);
        List<Map<String, String>> shares = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            shares.add(Map.of("users", Integer.toString(counts[i]), "total-users", Integer.toString(users),
                    "prefix", prefix + "p" + i + "-", "csv", base.toString(),
                    "sources", SourceAddresses.share(options.text("sources", "127.0.0.1"), i, processes)));
        }
        ServerProcess server = findServer(options);
        ServerSampler[] sampler = new ServerSampler[steps.size()];
        Map<String, Double> totals;
        try {
            totals = Fleet.run("chat", options, shares, (barrier, results) -> {
                if (barrier.startsWith("step") && server != null) {
                    int k = Integer.parseInt(barrier.substring(4));
                    if (k > 0) {
                        sampler[k - 1].close();
                    }
                    sampler[k] = new ServerSampler(server, ServerSampler.fileFor(stepCsv(base, steps, k)));
                }
            });
        } finally {
            for (ServerSampler s : sampler) {
                if (s != null) {
                    s.close();
                }
            }
        }
        for (int k = 0; k < steps.size(); k++) {
            Path csv = stepCsv(base, steps, k);
            Percentiles merged = Fleet.merge(csv, processes, warmup);
            System.out.printf("chat: %d users in %d processes, %d msg/s%s: sent %.0f, received %.0f, errors %.0f%n",
                    users, processes, steps.get(k).rate(),
                    steps.get(k).archive() == null ? "" : ", archive " + steps.get(k).archive(), totals.getOrDefault("sent" + k, 0.0),
                    totals.getOrDefault("received" + k, 0.0), totals.getOrDefault("errors" + k, 0.0));
            System.out.println("end-to-end after " + warmup + " s warm-up, all processes: " + merged.table());
            System.out.println("per second: " + csv);
            if (sampler[k] != null) {
                System.out.println(sampler[k].summary());
                Charts.draw(ServerSampler.fileFor(csv));
            }
            Charts.draw(csv);
        }
    }

    /** The server to sample, or null when none is found (another server, a remote one). */
    static ServerProcess findServer(Options options) {
        try {
            return ServerProcess.find(options);
        } catch (IllegalStateException e) {
            System.out.println("not sampling the server: " + e.getMessage());
            return null;
        }
    }

    /** Paces messages at {@code rate} a second over all users, each to its partner. */
    private static void send(List<XmppClient> clients, int rate, int duration, SecondRecorder recorder) {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
        long next = System.nanoTime();
        int from = 0;
        long id = 0;
        while (next < end) {
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
            XmppClient sender = clients.get(from);
            XmppClient partner = clients.get(from ^ 1);
            try {
                sender.send("<message to='" + partner.jid() + "' type='chat' id='c" + id++ + "'><body>"
                        + System.nanoTime() + "</body></message>");
                recorder.sent();
            } catch (IOException e) {
                recorder.error();
            }
            from = (from + 1) % clients.size();
            next += interval;
        }
    }

    /** The step being measured: its recorder, and when its sending began. */
    private record Measuring(SecondRecorder recorder, long since) {
    }

    /**
     * Measures each chat message that comes back: the time it was read minus the send time in
     * its body, into the step's recorder. Messages sent before the step are not counted: late
     * ones of the step before, or ones the server stored offline in an earlier run and delivered
     * at login; nor is anything between steps.
     */
    private record Receiver(AtomicReference<Measuring> current, AtomicBoolean stop)
            implements ReaderPool.Listener {
        @Override
        public void element(XmppClient client, Element element, long nanos) {
            Measuring step = current.get();
            if (step == null || !element.localName().equals("message")) {
                return;
            }
            if ("error".equals(element.attribute("type"))) {
                step.recorder().error();
                return;
            }
            String body = element.child("body").map(Element::text).orElse("");
            long sent;
            try {
                sent = Long.parseLong(body.trim());
            } catch (NumberFormatException e) {
                step.recorder().error();
                return;
            }
            if (sent - step.since() >= 0) {
                step.recorder().received(nanos - sent);
            }
        }

        @Override
        public void closed(XmppClient client, IOException cause) {
            Measuring step = current.get();
            if (step != null && !stop.get()) {
                step.recorder().error();
            }
            if (cause != null && !stop.get()) {
                System.out.println("reading " + client.jid() + " failed: " + cause.getMessage());
            }
        }
    }
}
