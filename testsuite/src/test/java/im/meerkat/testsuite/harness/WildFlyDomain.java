package im.meerkat.testsuite.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly managed domain on this machine: a domain controller whose host runs Meerkat's
 * server group with two servers, configured by {@code wildfly-config/domain/meerkat-domain.sh}
 * as an operator would (docs/DOMAIN.md). Its directory is a copy of the built server's
 * {@code domain/} under the suite's var directory; both servers share one PostgreSQL database
 * and form one cluster through it.
 */
public final class WildFlyDomain implements AutoCloseable {

    /** The two servers of the group, by name, with the node numbers their ports follow. */
    public record Server(String name, int number) {

        /** STARTTLS client port: 5222 shifted like a node's ({@link NodeConfig#c2sPort}). */
        public int c2sPort() {
            return 5222 + offset();
        }

        public int directTlsPort() {
            return 5223 + offset();
        }

        public int offset() {
            return 100 * (number - 1);
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Path dir;
    private final int managementPort;
    private final List<Server> servers;
    private final Process process;

    private WildFlyDomain(Path dir, int managementPort, List<Server> servers, Process process) {
        this.dir = dir;
        this.managementPort = managementPort;
        this.servers = servers;
        this.process = process;
    }

    /**
     * Configures and starts a domain whose servers use the ports of nodes {@code first} and
     * {@code first + 1}; the domain controller's management interface takes node {@code first}'s
     * management port, which no domain server opens.
     */
    public static WildFlyDomain start(int first, String database, Map<String, String> properties) {
        Path home = Suite.home();
        Path server = home.resolve("wildfly-config/target/wildfly");
        Path dir = Suite.varDir().resolve("domain" + first);
        List<Server> servers = List.of(new Server("meerkat-a", first), new Server("meerkat-b", first + 1));
        int managementPort = 9990 + 100 * (first - 1);
        stopLeftover(server, managementPort);
        deleteTree(dir);
        copyTree(server.resolve("domain"), dir);
        TestDatabase.recreate(database);

        List<String> configure = new ArrayList<>(List.of(
                home.resolve("wildfly-config/domain/meerkat-domain.sh").toString(), "configure",
                "--jboss-home", server.toString(), "--domain-dir", dir.toString(),
                "--ear", home.resolve("ear/target/meerkat.ear").toString(),
                "--remove-server", "server-one", "--remove-server", "server-two",
                "--remove-server", "server-three"));
        for (Server s : servers) {
            configure.addAll(List.of("--add-server", s.name() + ":" + s.offset()));
        }
        properties.forEach((name, value) -> configure.addAll(List.of("--property", name + "=" + value)));
        ProcessResult configured = Processes.run(configure, Map.of(), Duration.ofMinutes(5));
        if (configured.exitCode() != 0) {
            throw new IllegalStateException("meerkat-domain.sh configure failed: " + configured);
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("JBOSS_HOME", server.toString());
        env.put("MEERKAT_DB_URL", NodeConfig.POSTGRES_URL + database);
        env.put("MEERKAT_DB_DRIVER", "postgresql");
        env.put("MEERKAT_DB_USER", "postgres");
        env.put("MEERKAT_DB_PASSWORD", "postgres");
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        try {
            ProcessBuilder builder = new ProcessBuilder(server.resolve("bin/domain.sh").toString(),
                    "-Djboss.domain.base.dir=" + dir, "-Djboss.management.http.port=" + managementPort)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile());
            builder.environment().putAll(env);
            WildFlyDomain domain = new WildFlyDomain(dir, managementPort, servers, builder.start());
            try {
                domain.awaitServers();
            } catch (RuntimeException | AssertionError e) {
                domain.close();
                throw e;
            }
            return domain;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the domain in " + dir, e);
        }
    }

    public List<Server> servers() {
        return servers;
    }

    public Path dir() {
        return dir;
    }

    /** The end of a server's log, for failure messages. */
    public String logTail(Server server, int lines) {
        Path log = dir.resolve("servers").resolve(server.name()).resolve("log/server.log");
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Runs one management command on the domain controller, as an operator's CLI would. */
    public ProcessResult cli(String command) {
        Path server = Suite.home().resolve("wildfly-config/target/wildfly");
        return Processes.run(List.of(server.resolve("bin/jboss-cli.sh").toString(), "-c",
                "--controller=127.0.0.1:" + managementPort, "--command=" + command),
                Map.of("JBOSS_HOME", server.toString()), Duration.ofMinutes(2));
    }

    private void awaitServers() {
        for (Server s : servers) {
            Await.until("domain server " + s.name() + " serving XMPP on " + s.c2sPort(), START_TIMEOUT,
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the domain exited while starting; see "
                                    + dir.resolve("console.log"));
                        }
                        return listening(s.c2sPort());
                    }, () -> logTail(s, 20));
        }
    }

    /** Shuts the host down through its controller (servers first), then waits for the processes. */
    @Override
    public void close() {
        if (process.isAlive()) {
            cli("/host=primary:shutdown");
            try {
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** A domain of an aborted run still answering on this management port: shut it down. */
    private static void stopLeftover(Path server, int managementPort) {
        if (!listening(managementPort)) {
            return;
        }
        Processes.run(List.of(server.resolve("bin/jboss-cli.sh").toString(), "-c",
                "--controller=127.0.0.1:" + managementPort, "--command=/host=primary:shutdown"),
                Map.of("JBOSS_HOME", server.toString()), Duration.ofMinutes(2));
        Await.until("port " + managementPort + " free", Duration.ofMinutes(2),
                () -> !listening(managementPort), () -> "a domain of an earlier run still runs");
    }

    private static boolean listening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
