package im.meerkat.load;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-second figures of a run, written as CSV (one row a second: {@code time,sent,received,
 * errors,p50_ms,p99_ms}, time in seconds since the start) while the run goes, and kept for the
 * summary. Latency samples of one second are held until its row is written; samples of the
 * seconds after the warm-up are also kept for the summary, up to a fixed number.
 */
final class SecondRecorder implements AutoCloseable {

    static final String HEADER = "time,sent,received,errors,p50_ms,p99_ms";

    private final PrintWriter csv;
    private final Path file;
    private final long start = System.nanoTime();
    private final int warmupSeconds;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private long[] window = new long[1024];
    private int windowSize;
    private final long[] kept;
    private int keptSize;
    private int second;
    private final Thread ticker;
    private volatile boolean open = true;
    private DataOutputStream samplesOut;

    /**
     * @param maxKept the most latency samples kept for the summary (bounds the memory a run uses)
     */
    SecondRecorder(Path file, int warmupSeconds, int maxKept) throws IOException {
        this(file, warmupSeconds, maxKept, false);
    }

    /**
     * @param samples whether to write every latency sample to {@link Fleet#samplesOf} the file, so
     *     that the parent of several load processes can merge the percentiles: per second an int (the
     *     second), an int (the count), then the samples in nanoseconds as longs
     */
    SecondRecorder(Path file, int warmupSeconds, int maxKept, boolean samples) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.file = file;
        this.csv = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        this.warmupSeconds = warmupSeconds;
        this.kept = new long[maxKept];
        csv.println(HEADER);
        if (samples) {
            samplesOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Fleet.samplesOf(file))));
        }
        ticker = new Thread(this::tick, "csv-" + file.getFileName());
        ticker.setDaemon(true);
        ticker.start();
    }

    /** The default CSV file of a scenario: testsuite/target/load/SCENARIO-yyyyMMdd-HHmmss.csv. */
    static Path defaultFile(Options options, String scenario) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(options.text("csv", "testsuite/target/load/" + scenario + "-" + stamp + ".csv"));
    }

    void sent() {
        sent.incrementAndGet();
    }

    void error() {
        errors.incrementAndGet();
    }

    /** Something came back (a message, a completed login) after {@code nanos}. */
    synchronized void received(long nanos) {
        received.incrementAndGet();
        if (windowSize == window.length) {
            window = Arrays.copyOf(window, window.length * 2);
        }
        window[windowSize++] = nanos;
        if (second >= warmupSeconds && keptSize < kept.length) {
            kept[keptSize++] = nanos;
        }
    }

    long totalSent() {
        return sent.get();
    }

    long totalReceived() {
        return received.get();
    }

    long totalErrors() {
        return errors.get();
    }

    /** Latency samples after the warm-up, for the summary. */
    synchronized Percentiles summary() {
        return new Percentiles(Arrays.copyOf(kept, keptSize));
    }

    Path file() {
        return file;
    }

    private void tick() {
        long lastSent = 0;
        long lastReceived = 0;
        long lastErrors = 0;
        long next = start;
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
            long[] samples;
            int s;
            synchronized (this) {
                samples = Arrays.copyOf(window, windowSize);
                windowSize = 0;
                s = ++second;
            }
            long nowSent = sent.get();
            long nowReceived = received.get();
            long nowErrors = errors.get();
            Percentiles p = new Percentiles(samples);
            writeSamples(s, samples);
            synchronized (csv) {
                csv.printf(java.util.Locale.ROOT, "%d,%d,%d,%d,%.3f,%.3f%n", s, nowSent - lastSent,
                        nowReceived - lastReceived, nowErrors - lastErrors, p.millis(50), p.millis(99));
                csv.flush();
            }
            lastSent = nowSent;
            lastReceived = nowReceived;
            lastErrors = nowErrors;
        }
    }

    private void writeSamples(int s, long[] samples) {
        if (samplesOut == null) {
            return;
        }
        try {
            samplesOut.writeInt(s);
            samplesOut.writeInt(samples.length);
            for (long sample : samples) {
                samplesOut.writeLong(sample);
            }
            samplesOut.flush();
        } catch (IOException e) {
            System.out.println("cannot write the samples: " + e.getMessage());
            samplesOut = null;
        }
    }

    @Override
    public void close() {
        open = false;
        ticker.interrupt();
        try {
            ticker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (csv) {
            csv.close();
        }
        if (samplesOut != null) {
            try {
                samplesOut.close();
            } catch (IOException ignored) {
                // the samples of the last second are lost
            }
        }
    }
}
