package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The admin console ({@code /admin/}, docs/CLUSTER.md) in headless Chromium, driven one command
 * at a time by {@code src/test/browser/console.mjs} through playwright-core, so that a test can
 * change the cluster between two looks at the page. Installed and skipped like {@link Browser}.
 */
public final class ConsolePage implements AutoCloseable {

    /** One line of the page's cluster table. */
    public record Row(String node, String address, String sessions, String uptime, String state,
            List<String> buttons) {
    }

    /** What the page shows: the cluster table, the counts and its status message. */
    public record Table(List<Row> rows, String users, String sessions, String nodes,
            String message) {

        public Optional<Row> row(String node) {
            return rows.stream().filter(r -> r.node().equals(node)).findFirst();
        }

        public List<String> names() {
            return rows.stream().map(Row::node).toList();
        }
    }

    /** A dialog the page opened: {@code confirm} or {@code alert}, and its text. */
    public record Dialog(String type, String text) {
    }

    /** The dialogs a click opened, and the page's status message afterwards. */
    public record Click(List<Dialog> dialogs, String message) {
    }

    /** A page load, a refresh, or a click and its dialogs; the script answers within 30 s. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);
    private static final String END = "\u0000end";

    private final Process process;
    private final Path stderr;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ConsolePage(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "console-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts Chromium; skips the test without Chromium or Node.js (fails it under CI). */
    public static ConsolePage start() throws IOException {
        Browser.Tools tools = Browser.requireInstalled();
        Path dir = Browser.prepare(tools.npm());
        System.out.println(Instant.now() + " console: starting Chromium " + tools.chromium());
        Path err = Files.createTempFile(dir, "console-", ".err");
        Process process = new ProcessBuilder(tools.node().toString(), "console.mjs",
                tools.chromium().toString())
                .directory(dir.toFile())
                .redirectError(err.toFile())
                .start();
        return new ConsolePage(process, err);
    }

    /**
     * Loads {@code url} in a new browser context that answers the server's Basic challenge with
     * {@code user} and {@code password} ({@code user} null: with no credentials), and returns the
     * HTTP status of the page; for 200, once the page has shown the API's first answers.
     */
    public int open(String url, String user, String password) throws InterruptedException {
        String credentials = user == null ? "\"user\":null"
                : "\"user\":" + Browser.quote(user) + ",\"password\":" + Browser.quote(password);
        List<List<String>> answer = send("{\"op\":\"open\",\"url\":" + Browser.quote(url) + ","
                + credentials + "}");
        return Integer.parseInt(field(answer, "status").get(0));
    }

    /** Clicks Refresh and reads the page once it shows the new answers. */
    public Table table() throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        List<String> counts = List.of("", "", "");
        String message = "";
        for (List<String> line : send("{\"op\":\"table\"}")) {
            switch (line.get(0)) {
                case "row" -> rows.add(new Row(line.get(1), line.get(2), line.get(3), line.get(4),
                        line.get(5), line.get(6).isEmpty() ? List.of()
                                : List.of(line.get(6).split(","))));
                case "counts" -> counts = line.subList(1, line.size());
                case "message" -> message = line.get(1);
                default -> fail("unexpected line from console.mjs: " + line);
            }
        }
        return new Table(rows, counts.get(0), counts.get(1), counts.get(2), message);
    }

    /**
     * Clicks {@code button} on the line of {@code node}; the page's dialogs are accepted or
     * dismissed in turn as {@code answers} say (dismissed beyond them). Returns once as many
     * dialogs as answers opened and, with {@code awaitMessage}, the page showed a message.
     */
    public Click click(String node, String button, List<Boolean> answers, boolean awaitMessage)
            throws InterruptedException {
        List<List<String>> answer = send("{\"op\":\"click\",\"node\":" + Browser.quote(node)
                + ",\"button\":" + Browser.quote(button) + ",\"answers\":" + answers
                + ",\"message\":" + awaitMessage + "}");
        List<Dialog> dialogs = answer.stream().filter(l -> l.get(0).equals("dialog"))
                .map(l -> new Dialog(l.get(1), l.get(2))).toList();
        return new Click(dialogs, field(answer, "message").get(0));
    }

    /** The settings the page offers for joining its node's cluster, as the page shows them. */
    public String settings() throws InterruptedException {
        return field(send("{\"op\":\"settings\"}"), "settings").get(0);
    }

    /**
     * Pastes {@code settings} into the page's join form and clicks "Join cluster"; the dialogs
     * are answered, and the page's status message awaited, as {@link #click} does.
     */
    public Click join(String settings, List<Boolean> answers, boolean awaitMessage)
            throws InterruptedException {
        List<List<String>> answer = send("{\"op\":\"join\",\"settings\":" + Browser.quote(settings)
                + ",\"answers\":" + answers + ",\"message\":" + awaitMessage + "}");
        List<Dialog> dialogs = answer.stream().filter(l -> l.get(0).equals("dialog"))
                .map(l -> new Dialog(l.get(1), l.get(2))).toList();
        return new Click(dialogs, field(answer, "message").get(0));
    }

    private List<List<String>> send(String command) throws InterruptedException {
        System.out.println(Instant.now() + " console: " + command.replaceAll(
                "\"password\":\"[^\"]*\"", "\"password\":\"...\""));
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            fail("console.mjs does not take commands: " + e + errors());
        }
        List<List<String>> answer = new ArrayList<>();
        while (true) {
            String line = lines.poll(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || line.equals(END)) {
                fail("console.mjs did not answer " + command.split(",")[0] + "}"
                        + (line == null ? " within " + ANSWER_WAIT.toSeconds() + " s" : ": it ended")
                        + errors());
            }
            List<String> fields = Arrays.asList(line.split("\t", -1));
            if (fields.get(0).equals("ok")) {
                return answer;
            }
            if (fields.get(0).equals("error")) {
                fail("console.mjs failed: " + line + errors());
            }
            answer.add(fields);
        }
    }

    private static List<String> field(List<List<String>> answer, String name) {
        return answer.stream().filter(l -> l.get(0).equals(name)).findFirst()
                .map(l -> l.subList(1, l.size()))
                .orElseThrow(() -> new AssertionError("no '" + name + "' in " + answer));
    }

    @Override
    public void close() throws IOException {
        try {
            commands.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        // the page's console and Chromium's complaints, for the class's output file
        System.out.print(Files.readString(stderr));
        Files.deleteIfExists(stderr);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println(Instant.now() + " console: " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("error\treading console.mjs: " + e.getMessage());
        } finally {
            lines.add(END);
        }
    }

    private String errors() {
        try {
            return "\nstderr of console.mjs:\n" + Files.readString(stderr);
        } catch (IOException e) {
            return "";
        }
    }
}
