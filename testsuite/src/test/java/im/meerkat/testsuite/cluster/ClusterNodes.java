package im.meerkat.testsuite.cluster;

import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.Suite;
import im.meerkat.testsuite.harness.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The nodes of one cluster (three unless told): numbers from {@code -Dmeerkat.test.node} + 1
 * on, a cluster name of their own, and one PostgreSQL database, so that an account exists on
 * every node, through which they also find each other (JDBC_PING, docs/CLUSTER.md): no member
 * list is given.
 *
 * <p>A test class registers it as a static extension, which starts the nodes before the class's
 * tests and stops them after:
 * {@code @RegisterExtension static final ClusterNodes cluster = ClusterNodes.ofThree();}, and
 * takes clients of each node with {@link #clients(int)}.
 */
final class ClusterNodes implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    static final String DATABASE = "meerkat_cluster_test_" + Suite.sharedNode();
    static final int SIZE = 3;

    private final List<NodeConfig> configs = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final MeerkatNode[] nodes;
    private final int alone;
    private final boolean inTurn;

    /** Three nodes of one cluster, started in parallel after the first. */
    static ClusterNodes ofThree() {
        return new ClusterNodes(SIZE, 0, false);
    }

    /**
     * {@code size} nodes on the database, the last {@code alone} of which each have a cluster
     * name of their own: they run alone until they join the others. {@code inTurn}: the
     * extension starts them one after the other ({@link #startInTurn()}), else the others in
     * parallel after the first ({@link #startAll()}).
     */
    ClusterNodes(int size, int alone, boolean inTurn) {
        this.alone = alone;
        this.inTurn = inTurn;
        nodes = new MeerkatNode[size];
    }

    /**
     * Chooses the node numbers, when the nodes start: the nodes of a class that ran before are
     * stopped by then.
     */
    private void configure() {
        if (!configs.isEmpty()) {
            return;
        }
        int size = nodes.length;
        int first = MeerkatNode.freeNumber(Suite.sharedNode() + 1);
        List<Integer> numbers = IntStream.range(first, first + size).boxed().toList();
        String name = "meerkat-it-" + ProcessHandle.current().pid();
        for (int number : numbers) {
            boolean own = number >= first + size - alone;
            // The database goes in as launcher variables: the harness would recreate it for
            // every node, under the feet of the nodes already running.
            configs.add(NodeConfig.shared().withNumber(number).withDatabase(null)
                    .with("MEERKAT_CLUSTER_DISCOVERY", "jdbc")
                    // Parallel starts on a loaded machine: up to the harness's own limit
                    .with("MEERKAT_START_TIMEOUT", "290")
                    .with("MEERKAT_CLUSTER_NAME", own ? name + "-alone-" + number : name)
                    .with("MEERKAT_DB_URL", NodeConfig.POSTGRES_URL + DATABASE)
                    .with("MEERKAT_DB_USER", "postgres")
                    .with("MEERKAT_DB_PASSWORD", "postgres"));
        }
        variables.forEach((variable, value) -> configs.replaceAll(c -> c.with(variable, value)));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            if (inTurn) {
                startInTurn();
            } else {
                startAll();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Clients of the node at {@code index}, as an instance extension of the test class. */
    Clients clients(int index) {
        return Clients.on(() -> get(index));
    }

    /** Sets a launcher variable on every node not started yet. */
    ClusterNodes with(String variable, String value) {
        variables.put(variable, value);
        configs.replaceAll(c -> c.with(variable, value));
        return this;
    }

    /** Starts every node, the first alone (it creates the schema), the others in parallel. */
    void startAll() {
        configure();
        TestDatabase.recreate(DATABASE);
        nodes[0] = MeerkatNode.start(configs.get(0));
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 1; i < nodes.length; i++) {
            int index = i;
            starts.add(CompletableFuture.runAsync(() -> start(index)));
        }
        starts.forEach(CompletableFuture::join);
    }

    /** Starts every node, one after the other: slower, but surer on a loaded machine. */
    void startInTurn() {
        configure();
        TestDatabase.recreate(DATABASE);
        for (int i = 0; i < nodes.length; i++) {
            start(i);
        }
    }

    void start(int index) {
        nodes[index] = MeerkatNode.start(configs.get(index));
    }

    MeerkatNode get(int index) {
        return nodes[index];
    }

    /** The node's name in session records and in {@code cluster-status}. */
    String name(int index) {
        return "node" + configs.get(index).number();
    }

    /** Kills the node's JVM with SIGKILL, as a crash would end it. */
    void kill(int index) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(nodes[index].dir().resolve("meerkat.pid"))
                .trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("no process " + pid));
        process.destroyForcibly();
        process.onExit().join();
        // The launcher's stop finds no process and only tidies up.
        nodes[index].close();
    }

    /**
     * Suspends the node's JVM with SIGSTOP: its sockets stay open and it answers nothing, as a
     * hung process or a network partition looks to the others; {@link #resume} continues it.
     */
    void pause(int index) throws IOException, InterruptedException {
        signal(index, "STOP");
    }

    /** Continues a node suspended by {@link #pause} with SIGCONT. */
    void resume(int index) throws IOException, InterruptedException {
        signal(index, "CONT");
    }

    private void signal(int index, String signal) throws IOException, InterruptedException {
        String pid = Files.readString(nodes[index].dir().resolve("meerkat.pid")).trim();
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    @Override
    public void close() {
        for (MeerkatNode node : nodes) {
            if (node != null) {
                try {
                    node.close();
                } catch (RuntimeException e) {
                    System.err.println("stopping " + node + ": " + e);
                }
            }
        }
    }
}
