package im.meerkat.testsuite.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.Suite;
import im.meerkat.testsuite.web.HttpsPin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs Smack's integration test framework ({@code smack-integration-test}, the version of the
 * suite's Smack) against the shared node, over STARTTLS, creating its throw-away accounts with
 * the XEP-0133 commands of {@code admin@localhost}. Multi-user chat (XEP-0045) is disabled.
 *
 * <p>The framework runs in a child JVM on this JVM's class path ({@link SinttestLauncher}): it
 * ends its JVM with {@code System.exit} and sets up its own logging. Its output goes to this
 * class's output and to {@code target/interop/sinttest.log}; each test's outcome to
 * {@code target/interop/results.tsv} ({@link ResultFile}). The classes of {@link #OWN_RUN} run
 * afterwards, each in a framework run of its own ({@code sinttest-Class.log},
 * {@code results-Class.tsv}). The summary lines and the failures of all runs go to
 * {@code target/interop/summary.txt}, which the build prints after the integration tests.
 *
 * <p>The test fails when a framework test fails that {@code interop/known-failures.txt} does
 * not list; listed tests that pass are reported so that the list shrinks. See docs/INTEROP.md.
 */
class InteropIT {

    /** The test class path resource naming the failures the build accepts, with reasons. */
    static final String KNOWN_FAILURES = "interop/known-failures.txt";

    /** Whole-run limit: a run takes 1.5 to 2 minutes on the 2-core machine. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(8);
    /** The framework's reply timeout, per request. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);
    private static final String STORE_PASSWORD = "meerkat-interop";
    /**
     * Test classes that each run in a framework run of their own, after the main run, with the
     * fresh accounts the framework creates for every run (docs/INTEROP.md):
     * {@code EntityCapsTest} ends by sending {@code unsubscribed} both ways without waiting for
     * the server's answer, so the next class's check of the roster cache can still find the two
     * accounts subscribed and skip its subscription; {@code OmemoMamDecryptionTest} expects
     * exactly one message with its contact in the archive, where the main run's earlier tests
     * leave the messages they exchanged between the same two accounts;
     * {@code IoTDiscoveryIntegrationTest} ends with a subscription request pending each way that
     * neither client answers, after which the server does not deliver the next class's request
     * again (RFC 6121 Appendix A.3.1); so does {@code RosterIntegrationTest}, whose
     * {@code testPresenceDeliveredToRecipient} leaves its request unanswered.
     */
    static final List<String> OWN_RUN = List.of("EntityCapsTest", "OmemoMamDecryptionTest",
            "IoTDiscoveryIntegrationTest", "RosterIntegrationTest");

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void smackIntegrationTestFrameworkFindsNoUnexpectedFailure() throws Exception {
        MeerkatNode node = clients.node();
        Account admin = clients.adminAccount();
        Path dir = directory();
        Files.createDirectories(dir);
        Path summary = dir.resolve("summary.txt");
        Files.deleteIfExists(summary);
        try (DirectoryStream<Path> earlier = Files.newDirectoryStream(dir, "results*.tsv")) {
            for (Path file : earlier) {
                Files.delete(file); // no outcome of an earlier build is read as this one's
            }
        }
        Path trustStore = writeTrustStore(node, dir.resolve("truststore.p12"));

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp", System.getProperty("java.class.path"),
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD,
                "-Dmeerkat.interop.port=" + node.config().c2sPort(),
                "-Dsinttest.service=" + node.domain(),
                "-Dsinttest.host=127.0.0.1",
                "-Dsinttest.securityMode=required",
                "-Dsinttest.adminAccountUsername=" + admin.user(),
                "-Dsinttest.adminAccountPassword=" + admin.password(),
                "-Dsinttest.replyTimeout=" + REPLY_TIMEOUT.toMillis(),
                "-Dsinttest.defaultConnection=" + SinttestLauncher.CONNECTION,
                "-Dsinttest.enabledConnections=" + SinttestLauncher.CONNECTION,
                "-Dsinttest.disabledSpecifications=XEP-0045",
                "-Dsinttest.testRunResultProcessors="
                        + "org.igniterealtime.smack.inttest.SmackIntegrationTestFramework"
                        + "$JulTestRunResultProcessor," + ResultFile.class.getName()));
        String debugger = System.getProperty("sinttest.debugger", "");
        if (!debugger.isBlank()) {
            command.add("-Dsinttest.debugger=" + debugger);
        }
        List<String> only = names(System.getProperty("meerkat.interop.enabledTests", ""));

        List<Run> runs = new ArrayList<>();
        if (only.isEmpty() || only.stream().anyMatch(name -> ownRunOf(name) == null)) {
            List<String> main = new ArrayList<>(command);
            if (!only.isEmpty()) {
                main.add("-Dsinttest.enabledTests=" + String.join(",", only));
            }
            main.add("-Dsinttest.disabledTests=" + String.join(",", OWN_RUN));
            runs.add(runFramework(main, dir, "sinttest", "results"));
        }
        for (String test : OWN_RUN) {
            if (only.isEmpty() || only.stream().anyMatch(name -> test.equals(ownRunOf(name)))) {
                List<String> own = new ArrayList<>(command);
                own.add("-Dsinttest.enabledTests=" + test);
                runs.add(runFramework(own, dir, "sinttest-" + test, "results-" + test));
            }
        }

        Outcomes outcomes = null;
        for (Run run : runs) {
            assertTrue(Files.exists(run.results()), "the framework wrote no results (exit "
                    + run.exit() + ", see " + run.log() + "); last output:\n" + run.tail());
            Outcomes these = Outcomes.read(run.results());
            outcomes = outcomes == null ? these : outcomes.plus(these);
        }
        Map<String, String> known = Outcomes.knownFailures(KNOWN_FAILURES);
        List<Outcomes.Outcome> unexpected = outcomes.unexpectedFailures(known);
        String report = report(runs, outcomes, known, unexpected);
        Files.writeString(summary, report, StandardCharsets.UTF_8);
        System.out.println(report);

        assertFalse(outcomes.of("PASSED").isEmpty(), "no framework test passed:\n" + report);
        assertEquals(List.of(), unexpected.stream().map(o -> o.test() + ": " + o.detail())
                .toList(), "framework tests failed that " + KNOWN_FAILURES
                + " does not list:\n" + report);
    }

    /** The names of {@code meerkat.interop.enabledTests}: classes or {@code Class.method}. */
    private static List<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .toList();
    }

    /** The test class of {@link #OWN_RUN} a name of enabledTests belongs to, or null. */
    private static String ownRunOf(String name) {
        String className = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return OWN_RUN.contains(className) ? className : null;
    }

    private static Path directory() {
        String configured = System.getProperty("meerkat.interop.dir");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Suite.varDir().resolveSibling("interop");
    }

    /**
     * A PKCS12 trust store holding only the node's certificates: the XMPP listeners' one, which
     * the suite pinned, and the HTTPS listener's, which HTTP File Upload's PUT and GET meet.
     */
    private static Path writeTrustStore(MeerkatNode node, Path file)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("meerkat-node", node.tls().certificate());
        store.setCertificateEntry("meerkat-https", HttpsPin.learn(node).certificate());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    /**
     * What one child JVM did: its result file and log, exit code, summary line, and the last
     * lines of its output.
     */
    private record Run(Path results, Path log, int exit, String summaryLine,
            List<String> lastLines) {

        String tail() {
            return String.join("\n", lastLines);
        }
    }

    /**
     * Runs the framework, copying its output line by line to this class's output and to
     * {@code logName.log} as it comes, and keeping the framework's summary line; the outcomes
     * go to {@code resultsName.tsv}.
     */
    private static Run runFramework(List<String> arguments, Path dir, String logName,
            String resultsName) throws IOException, InterruptedException {
        Path log = dir.resolve(logName + ".log");
        Path results = dir.resolve(resultsName + ".tsv");
        Files.deleteIfExists(results);
        List<String> command = new ArrayList<>(arguments);
        command.add("-Dmeerkat.interop.results=" + results);
        command.add(SinttestLauncher.class.getName());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        AtomicReference<String> summaryLine = new AtomicReference<>("");
        List<String> last = new ArrayList<>();
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log,
                            StandardCharsets.UTF_8), true)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.println(line);
                    System.out.println("[sinttest] " + line);
                    if (isSummary(line)) {
                        summaryLine.set(line.replaceFirst("^INFO:", "").strip());
                    }
                    synchronized (last) {
                        last.add(line);
                        if (last.size() > 40) {
                            last.remove(0);
                        }
                    }
                }
            } catch (IOException e) {
                System.out.println("[sinttest] output lost: " + e);
            }
        }, "sinttest-output");
        copier.start();
        int exit;
        if (process.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            exit = process.exitValue();
        } else {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly();
            exit = -1;
        }
        copier.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (last) {
            return new Run(results, log, exit, summaryLine.get(), List.copyOf(last));
        }
    }

    /**
     * The framework's closing line, as its default result processor logs it:
     * {@code SmackIntegrationTestFramework[runId] finished: passed/available [n failed]}.
     */
    static boolean isSummary(String line) {
        return line.contains("SmackIntegrationTestFramework[") && line.contains("] finished: ");
    }

    private static String report(List<Run> runs, Outcomes outcomes, Map<String, String> known,
            List<Outcomes.Outcome> unexpected) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println("Smack integration tests (smack-integration-test) against Meerkat:");
        for (Run run : runs) {
            out.println("  " + (run.summaryLine().isEmpty() ? "(no summary line; framework exit "
                    + run.exit() + ")" : run.summaryLine()) + "  [" + run.log().getFileName()
                    + ", exit " + run.exit() + "]");
        }
        out.println("  outcomes: " + outcomes.counts());
        for (Outcomes.Outcome o : outcomes.of("FAILED")) {
            String reason = known.get(o.test());
            out.println("  FAILED " + o.test() + (reason == null
                    ? "  NOT LISTED: " + o.detail() : "  (known: " + reason + ")"));
        }
        for (Outcomes.Outcome o : outcomes.all()) {
            if (o.kind().contains("NOT_POSSIBLE")) {
                out.println("  " + o.kind() + " " + o.test() + ": " + o.detail());
            }
        }
        for (String name : outcomes.listedButPassed(known)) {
            out.println("  NOW PASSES " + name + ": remove it from " + KNOWN_FAILURES);
        }
        List<String> stale = outcomes.listedButNotFailed(known).stream()
                .filter(name -> !outcomes.listedButPassed(known).contains(name)).toList();
        for (String name : stale) {
            out.println("  LISTED BUT DID NOT FAIL " + name);
        }
        if (!unexpected.isEmpty()) {
            out.println("  " + unexpected.size() + " unexpected failure(s)");
        }
        out.flush();
        return text.toString();
    }
}
