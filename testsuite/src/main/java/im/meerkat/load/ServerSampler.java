package im.meerkat.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Samples the server process once a second while a run goes: resident set size from
 * {@code /proc/PID/status} and CPU from {@code /proc/PID/stat} (user plus system time; 100% is one
 * core busy), written as CSV {@code time,rss_mib,cpu_pct,threads} next to the run's own CSV.
 */
final class ServerSampler implements AutoCloseable {

    static final String HEADER = "time,rss_mib,cpu_pct,threads";
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final ServerProcess server;
    private final Path file;
    private final PrintWriter csv;
    private final Thread thread;
    private volatile boolean open = true;
    private double cpuSum;
    private int samples;
    private double maxRss;
    private double maxCpu;

    ServerSampler(ServerProcess server, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.server = server;
        this.file = file;
        this.csv = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        csv.println(HEADER);
        thread = new Thread(this::sample, "server-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** The sampler's file for a run whose own CSV is {@code runCsv}: {@code NAME-server.csv}. */
    static Path fileFor(Path runCsv) {
        String name = runCsv.getFileName().toString().replaceFirst("\\.csv$", "");
        return runCsv.resolveSibling(name + "-server.csv");
    }

    Path file() {
        return file;
    }

    private void sample() {
        long start = System.nanoTime();
        long next = start;
        long lastTicks = -1;
        long lastTime = start;
        int second = 0;
        while (open) {
            next += 1_000_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                long ticks = cpuTicks();
                long now = System.nanoTime();
                double rss = server.rssBytes() / 1024.0 / 1024.0;
                double cpu = lastTicks < 0 ? Double.NaN
                        : (ticks - lastTicks) / TICKS_PER_SECOND / ((now - lastTime) / 1e9) * 100;
                lastTicks = ticks;
                lastTime = now;
                second++;
                synchronized (this) {
                    if (!Double.isNaN(cpu)) {
                        cpuSum += cpu;
                        samples++;
                        maxCpu = Math.max(maxCpu, cpu);
                    }
                    maxRss = Math.max(maxRss, rss);
                    csv.printf(Locale.ROOT, "%d,%.1f,%.1f,%d%n", second, rss, cpu, server.threads());
                    csv.flush();
                }
            } catch (IOException | RuntimeException e) {
                return; // the process is gone
            }
        }
    }

    private long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
        return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)); // utime, stime
    }

    /** One line: mean and peak CPU, peak RSS. */
    synchronized String summary() {
        return String.format(Locale.ROOT, "server pid %d: CPU mean %.0f%%, peak %.0f%% (100%% = one core); RSS peak %.1f MiB (%s)",
                server.pid(), samples == 0 ? Double.NaN : cpuSum / samples, maxCpu, maxRss, file);
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            csv.close();
        }
    }
}
