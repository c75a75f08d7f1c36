package im.meerkat.testsuite.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Meerkat node of the suite, started with {@code bin/meerkat start --node N} from
 * {@code testsuite/target/var/nodeN} and stopped with {@code bin/meerkat stop --node N} on
 * {@link #close()}, or by a JVM shutdown hook when the test JVM ends early.
 *
 * <p>Every start begins from nothing: the node directory of an earlier run is deleted (after
 * stopping a node an aborted run left behind), and so is the PostgreSQL database when the suite
 * uses one.
 */
public final class MeerkatNode implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** Above bin/meerkat's own bounds: the drain's 300 s, then five times 60 s at most. */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(11);

    private final NodeConfig config;
    private final Path dir;
    private final Thread shutdownHook;
    private PinnedCertificate tls;
    private AdminApi admin;
    private volatile boolean running;

    private MeerkatNode(NodeConfig config) {
        this.config = config;
        this.dir = Suite.varDir().resolve("node" + config.number());
        this.shutdownHook = new Thread(this::stopQuietly, "stop-meerkat-node" + config.number());
    }

    /** Starts a node and returns once it accepts XMPP connections and its certificate is known. */
    public static MeerkatNode start(NodeConfig config) {
        MeerkatNode node = new MeerkatNode(config);
        node.launch();
        return node;
    }

    private void launch() {
        if (Files.exists(dir)) {
            launcher("stop");
            deleteTree(dir);
        }
        for (int port : config.ports()) {
            if (listening(port)) {
                throw new IllegalStateException("port " + port + " of node " + config.number()
                        + " (ports + " + config.offset() + ") is taken by another process;"
                        + " the suite needs the ports of nodes " + Suite.sharedNode() + " and up");
            }
        }
        if (config.database() != null) {
            TestDatabase.recreate(config.database());
        }
        // Registered before the start, so that a start that hangs is cleaned up as well.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        running = true;
        ProcessResult started = launcher("start");
        if (started.exitCode() != 0) {
            String log = logTail(60);
            stopQuietly();
            throw new IllegalStateException("bin/meerkat start --node " + config.number()
                    + " failed\n" + started.describe() + "\n--- end of " + logFile() + ":\n" + log);
        }
        tls = PinnedCertificate.learn(config.directTlsPort(), config.c2sPort(), config.domain());
        admin = AdminApi.of(dir);
    }

    private ProcessResult launcher(String command) {
        List<String> line = List.of(Suite.home().resolve("bin/meerkat").toString(), command,
                "--node", Integer.toString(config.number()));
        Map<String, String> env = config.environment();
        return Processes.run(line, env, command.equals("start") ? START_TIMEOUT : STOP_TIMEOUT);
    }

    /**
     * The first node number from {@code from} on, at most eight further, whose ports no process
     * listens on: for the suite's extra nodes, on a machine where other servers run.
     */
    public static int freeNumber(int from) {
        for (int number = from; number <= from + 8; number++) {
            NodeConfig candidate = NodeConfig.shared().withNumber(number);
            if (!Files.exists(Suite.varDir().resolve("node" + number).resolve("meerkat.pid"))
                    && candidate.ports().stream().noneMatch(MeerkatNode::listening)) {
                return number;
            }
        }
        throw new IllegalStateException("the ports of nodes " + from + " to " + (from + 8)
                + " are all partly taken");
    }

    private static boolean listening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + root + ": " + e, e);
        }
    }

    public NodeConfig config() {
        return config;
    }

    public String domain() {
        return config.domain();
    }

    /** {@code testsuite/target/var/nodeN}. */
    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve("log/server.log");
    }

    /** The last lines of the server log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public PinnedCertificate tls() {
        return tls;
    }

    public AdminApi admin() {
        return admin;
    }

    public Meerkatctl ctl() {
        return new Meerkatctl(config.number());
    }

    /** Runs {@code bin/meerkat COMMAND --node N} with this node's environment. */
    public ProcessResult launcherCommand(String command) {
        return launcher(command);
    }

    /**
     * Stops the node with {@code bin/meerkat stop --node N} (graceful: its clients are told to
     * reconnect) and keeps its directory, so that {@link #startAgain()} brings back the same
     * node: same certificate, same administrator.
     */
    public void stop() {
        close();
    }

    /** Starts a node stopped with {@link #stop()} again from its directory. */
    public void startAgain() {
        if (running) {
            throw new IllegalStateException(this + " is running");
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        running = true;
        ProcessResult started = launcher("start");
        if (started.exitCode() != 0) {
            String log = logTail(60);
            stopQuietly();
            throw new IllegalStateException("bin/meerkat start --node " + config.number()
                    + " failed\n" + started.describe() + "\n--- end of " + logFile() + ":\n" + log);
        }
        PinnedCertificate seen = PinnedCertificate.learn(config.directTlsPort(), config.c2sPort(),
                config.domain());
        if (!seen.certificate().equals(tls.certificate())) {
            throw new IllegalStateException(this + " came back with another certificate");
        }
        admin = AdminApi.of(dir);
    }

    public boolean running() {
        return running;
    }

    /** Stops the node, failing when the launcher cannot. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        ProcessResult stopped = launcher("stop");
        running = false;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs or has run.
        }
        if (stopped.exitCode() != 0) {
            throw new IllegalStateException("cannot stop node " + config.number() + ": "
                    + stopped.describe());
        }
    }

    private void stopQuietly() {
        if (running) {
            running = false;
            ProcessResult stopped = launcher("stop");
            if (stopped.exitCode() != 0) {
                System.err.println("stopping node " + config.number() + " failed: "
                        + stopped.describe());
            }
        }
    }

    @Override
    public String toString() {
        return "node" + config.number() + " (" + config.domain() + ", c2s " + config.c2sPort()
                + ")";
    }
}
