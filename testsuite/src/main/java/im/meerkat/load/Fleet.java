package im.meerkat.load;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One scenario spread over several load processes ({@code --processes K}): one process holds at
 * most about 19,500 sockets (20,000 open files), so larger runs need several. The parent starts K
 * children running the same scenario on a K-th of the users (their own account prefix, their
 * share of {@code --sources}), lets them pass the same barriers together (accounts created,
 * users logged in), and merges what they report: sessions held, errors, and percentiles from
 * every child's raw latency samples.
 *
 * <p>The line protocol between parent and child: a child prints {@code @BARRIER name} and waits
 * for one line on its standard input; it prints {@code @RESULT key value} for the parent to sum.
 * Every other line is copied to the parent's output with a {@code [pN]} prefix.
 */
final class Fleet {

    private static final BufferedReader PARENT = new BufferedReader(
            new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private final List<Child> children = new ArrayList<>();

    private Fleet() {
    }

    /** Whether this process is one of several children. */
    static boolean child(Options options) {
        return options.has("child");
    }

    /** In a child: tells the parent it reached {@code name} and waits until every child has. */
    static void barrier(Options options, String name) throws IOException {
        if (!child(options)) {
            return;
        }
        System.out.println("@BARRIER " + name);
        System.out.flush();
        if (PARENT.readLine() == null) {
            throw new IOException("the parent process went away");
        }
    }

    /** In a child: a figure for the parent to add up. */
    static void result(Options options, String key, double value) {
        if (child(options)) {
            System.out.println("@RESULT " + key + " " + value);
            System.out.flush();
        }
    }

    /**
     * Runs {@code scenario} in {@code processes} children with the options of {@code shares}
     * (option name to each child's value); {@code atBarrier} runs in the parent when every child
     * reached a barrier, before they go on.
     */
    static Map<String, Double> run(String scenario, Options options, List<Map<String, String>> shares,
            BarrierHook atBarrier) throws Exception {
        Fleet fleet = new Fleet();
        // a parent stopped by a signal takes its children along
        Thread reaper = new Thread(() -> fleet.children.forEach(c -> c.process.destroy()), "fleet-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            for (int i = 0; i < shares.size(); i++) {
                fleet.children.add(Child.start(scenario, i, options, shares.get(i)));
            }
            String barrier;
            while ((barrier = fleet.nextBarrier()) != null) {
                atBarrier.reached(barrier, fleet.sum());
                for (Child c : fleet.children) {
                    c.release();
                }
            }
            for (Child c : fleet.children) {
                int status = c.process.waitFor();
                c.relay.join();
                if (status != 0) {
                    throw new IOException("load process " + c.index + " ended with status " + status);
                }
            }
            return fleet.sum();
        } finally {
            for (Child c : fleet.children) {
                c.process.destroy();
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    /** Each child's share of {@code total}, as even as possible (multiples of {@code unit}). */
    static int[] split(int total, int processes, int unit) {
        int units = total / unit;
        if (units < processes || total % unit != 0) {
            throw new IllegalArgumentException(total + " cannot be split over " + processes
                    + " processes in multiples of " + unit);
        }
        int[] shares = new int[processes];
        for (int i = 0; i < processes; i++) {
            shares[i] = (units / processes + (i < units % processes ? 1 : 0)) * unit;
        }
        return shares;
    }

    /** The CSV that child {@code index} writes for a run whose CSV is {@code csv}. */
    static Path childCsv(Path csv, int index) {
        return csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", "") + "-p" + index + ".csv");
    }

    /** This process's CSV of a run whose CSV is {@code csv}: its own in a child. */
    static Path ownCsv(Options options, Path csv) {
        return child(options) ? childCsv(csv, options.number("child", 0)) : csv;
    }

    /** The raw samples written beside a child's CSV. */
    static Path samplesOf(Path csv) {
        return csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", "") + ".samples");
    }

    /**
     * Merges the children's per-second CSV rows and raw samples into {@code csv} (same format as
     * one process writes) and returns the percentiles of the samples from {@code warmup} seconds on.
     */
    static Percentiles merge(Path csv, int processes, int warmup) throws IOException {
        TreeMap<Integer, long[]> counts = new TreeMap<>();
        for (int i = 0; i < processes; i++) {
            Path part = childCsv(csv, i);
            if (!Files.exists(part)) {
                continue;
            }
            List<String> lines = Files.readAllLines(part);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                long[] row = counts.computeIfAbsent(Integer.parseInt(f[0]), k -> new long[3]);
                for (int c = 0; c < 3; c++) {
                    row[c] += Long.parseLong(f[c + 1]);
                }
            }
        }
        Map<Integer, List<long[]>> perSecond = new HashMap<>();
        List<long[]> afterWarmup = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            Path part = samplesOf(childCsv(csv, i));
            if (!Files.exists(part)) {
                continue;
            }
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(part)))) {
                while (true) {
                    int second;
                    try {
                        second = in.readInt();
                    } catch (EOFException e) {
                        break;
                    }
                    long[] samples = new long[in.readInt()];
                    for (int k = 0; k < samples.length; k++) {
                        samples[k] = in.readLong();
                    }
                    perSecond.computeIfAbsent(second, k -> new ArrayList<>()).add(samples);
                    // row s covers second s-1..s: the warm-up is left out as in one process
                    if (second > warmup) {
                        afterWarmup.add(samples);
                    }
                }
            }
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            out.println(SecondRecorder.HEADER);
            for (Map.Entry<Integer, long[]> row : counts.entrySet()) {
                Percentiles p = new Percentiles(concat(perSecond.getOrDefault(row.getKey(), List.of())));
                out.printf(Locale.ROOT, "%d,%d,%d,%d,%.3f,%.3f%n", row.getKey(), row.getValue()[0],
                        row.getValue()[1], row.getValue()[2], p.millis(50), p.millis(99));
            }
        }
        return new Percentiles(concat(afterWarmup));
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private String nextBarrier() throws InterruptedException, IOException {
        while (true) {
            String name = null;
            boolean all = true;
            boolean anyAlive = false;
            for (Child c : children) {
                String reached = c.barrier;
                boolean alive = c.process.isAlive() || c.relay.isAlive();
                anyAlive |= alive;
                if (reached == null) {
                    all = false;
                    if (!alive && c.process.exitValue() != 0) {
                        throw new IOException("load process " + c.index + " ended with status "
                                + c.process.exitValue());
                    }
                } else {
                    name = reached;
                }
            }
            if (all && name != null) {
                return name;
            }
            if (!anyAlive) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    private Map<String, Double> sum() {
        Map<String, Double> total = new TreeMap<>();
        for (Child c : children) {
            c.results.forEach((k, v) -> total.merge(k, v, Double::sum));
        }
        return total;
    }

    /** Runs in the parent when every child reached the named barrier. */
    @FunctionalInterface
    interface BarrierHook {
        void reached(String barrier, Map<String, Double> results) throws Exception;
    }

    private static final class Child {
        final int index;
        final Process process;
        final Writer toChild;
        final Map<String, Double> results = new ConcurrentHashMap<>();
        volatile String barrier;
        Thread relay;

        private Child(int index, Process process) {
            this.index = index;
            this.process = process;
            this.toChild = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        static Child start(String scenario, int index, Options options, Map<String, String> share)
                throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.add(scenario);
            Map<String, String> changes = new HashMap<>(share);
            changes.put("processes", null);
            changes.put("child", Integer.toString(index));
            command.addAll(options.arguments(changes));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Child child = new Child(index, process);
            child.relay = new Thread(child::relay, "relay-p" + index);
            child.relay.start();
            return child;
        }

        void release() throws IOException {
            barrier = null;
            if (process.isAlive()) {
                toChild.write("go\n");
                toChild.flush();
            }
        }

        private void relay() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("@BARRIER ")) {
                        barrier = line.substring(9);
                    } else if (line.startsWith("@RESULT ")) {
                        String[] f = line.split(" ");
                        results.merge(f[1], Double.parseDouble(f[2]), Double::sum);
                    } else {
                        System.out.println("[p" + index + "] " + line);
                    }
                }
            } catch (IOException e) {
                System.out.println("[p" + index + "] output lost: " + e.getMessage());
            }
        }
    }
}
