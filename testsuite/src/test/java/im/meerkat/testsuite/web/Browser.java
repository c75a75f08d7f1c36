package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.fail;

import im.meerkat.testsuite.harness.Suite;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium running strophe.js, driven by {@code src/test/browser/drive.mjs} through
 * playwright-core: the script's event lines ({@code online}, {@code sent}, {@code received},
 * {@code closed}, {@code error}; tab-separated) are read as they come, so the test can answer
 * the page while it waits. The npm packages are installed with {@code npm ci} into
 * {@code target/browser} from the committed lock file, once per checkout.
 *
 * <p>Without Chromium or Node.js the test is skipped on a developer machine, but fails under
 * CI ({@code CI=true} or {@code MEERKAT_TEST_DB=postgres}), which must install both.
 */
final class Browser implements AutoCloseable {

    /** A transport for the page: its name in the events and the URL strophe.js connects to. */
    record Transport(String name, String service) {
    }

    private static final Duration EVENT_WAIT = Duration.ofSeconds(40);
    private static final Duration INSTALL_WAIT = Duration.ofMinutes(5);
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "index.html", "drive.mjs",
            "console.mjs");
    private static final String END = "\u0000end";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Browser(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::read, "browser-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Chromium, node and npm, found once per class: {@link #requireInstalled()}. */
    record Tools(Path chromium, Path node, Path npm) {
    }

    /**
     * Finds Chromium ({@code -Dmeerkat.test.chromium}, default {@code /usr/bin/chromium}), node and
     * npm; skips the test when one is missing, or fails it under CI.
     */
    static Tools requireInstalled() {
        Path chromium = Path.of(System.getProperty("meerkat.test.chromium", "/usr/bin/chromium"));
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        require(Files.isExecutable(chromium), "Chromium is not installed at " + chromium
                + " (apt-get install chromium, or -Dmeerkat.test.chromium=PATH)");
        require(node.isPresent() && npm.isPresent(), "node and npm are not on the PATH (apt-get install nodejs npm)");
        return new Tools(chromium, node.get(), npm.get());
    }

    /**
     * Starts the page: it logs in as {@code jid} over each transport in turn, sends one message to
     * {@code peer} and waits up to {@code messageWait} for one message.
     */
    static Browser start(Tools tools, String jid, String password, String peer, Duration messageWait,
            List<Transport> transports) throws IOException {
        Path chromium = tools.chromium();
        Path dir = prepare(tools.npm());
        System.out.println(Instant.now() + " browser: starting Chromium " + chromium);
        StringBuilder json = new StringBuilder("{\"chromium\":").append(quote(chromium.toString()))
                .append(",\"jid\":").append(quote(jid))
                .append(",\"password\":").append(quote(password))
                .append(",\"peer\":").append(quote(peer))
                .append(",\"wait\":").append(messageWait.toMillis())
                .append(",\"transports\":[");
        for (int i = 0; i < transports.size(); i++) {
            Transport t = transports.get(i);
            json.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(t.name()))
                    .append(",\"service\":").append(quote(t.service())).append('}');
        }
        json.append("]}");
        Path err = Files.createTempFile(dir, "drive-", ".err");
        Process process = new ProcessBuilder(tools.node().toString(), "drive.mjs", json.toString())
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(err.toFile())
                .start();
        return new Browser(process, err);
    }

    /**
     * The fields after kind and transport of the next event, which must be {@code kind} for
     * {@code transport}; an error line, another event, the script's end or silence fails the test.
     */
    List<String> next(String kind, String transport) throws InterruptedException {
        String line = lines.poll(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line.equals(END)) {
            fail("the browser sent no '" + kind + "' event for " + transport
                    + (line == null ? " within " + EVENT_WAIT.toSeconds() + " s" : ": drive.mjs ended") + errors());
        }
        List<String> fields = Arrays.asList(line.split("\t", -1));
        if (fields.size() < 2 || !fields.get(0).equals(kind) || !fields.get(1).equals(transport)) {
            fail("expected the browser's '" + kind + "' event for " + transport + ", got: " + line + errors());
        }
        return fields.subList(2, fields.size());
    }

    /** The exit code of drive.mjs, which ends after the last transport. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("drive.mjs did not end" + errors());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        // the page's console and Chromium's complaints, for the class's output file
        System.out.print(Files.readString(stderr));
        Files.deleteIfExists(stderr);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println(Instant.now() + " browser: " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("error\treading drive.mjs: " + e.getMessage());
        } finally {
            lines.add(END);
        }
    }

    private String errors() {
        try {
            List<String> rest = new ArrayList<>(lines);
            rest.remove(END);
            return "\nfurther output: " + rest + "\nstderr of drive.mjs:\n" + Files.readString(stderr);
        } catch (IOException e) {
            return "";
        }
    }

    /** Copies the page and script into target/browser and runs npm ci when the lock file changed. */
    static Path prepare(Path npm) throws IOException {
        Path source = Path.of("src/test/browser").toAbsolutePath();
        Path dir = Path.of("target/browser").toAbsolutePath();
        Files.createDirectories(dir);
        for (String file : FILES) {
            Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path stamp = dir.resolve("node_modules/.installed-from-lock");
        String lock = Files.readString(dir.resolve("package-lock.json"));
        if (Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
            return dir;
        }
        Path log = dir.resolve("npm-ci.log");
        Process install = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!install.waitFor(INSTALL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                install.destroyForcibly();
                fail("npm ci in " + dir + " did not finish in " + INSTALL_WAIT.toMinutes() + " min");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (install.exitValue() != 0) {
            fail("npm ci in " + dir + " failed:\n" + Files.readString(log));
        }
        Files.writeString(stamp, lock);
        return dir;
    }

    private static void require(boolean present, String message) {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI")) || Suite.postgres();
        if (!present && ci) {
            fail(message + ": under CI the browser test must run, and .ci/run installs what it needs");
        }
        Assumptions.assumeTrue(present, message + ": browser test skipped");
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
