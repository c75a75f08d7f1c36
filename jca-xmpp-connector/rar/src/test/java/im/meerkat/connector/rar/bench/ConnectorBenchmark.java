package im.meerkat.connector.rar.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.net.Listener;
import im.meerkat.connector.rar.support.EngineFixture;
import im.meerkat.connector.rar.support.TestClient;
import im.meerkat.xmpp.xml.Namespaces;

/**
 * Prints the connector's figures without a container, on loopback with fake message endpoints
 * (docs/CONNECTOR.md has the figures measured inside WildFly). Two modes:
 *
 * <pre>
 * footprint N tls|plain   heap per idle connection: N clients in a child JVM open a stream each
 * delivery N C            socket-to-listener cost: C connections send N small stanzas each
 * proxy65 M P             SOCKS5 relay: P streams at once carry M MiB each through the proxy
 * </pre>
 *
 * How to run it: docs/CONNECTOR.md, "Figures".
 */
public final class ConnectorBenchmark {

    static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost'"
            + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " version='1.0'>";

    private ConnectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("footprint")) {
            footprint(Integer.parseInt(args[1]), args[2].equals("tls"));
        } else if (args.length == 3 && args[0].equals("delivery")) {
            delivery(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 3 && args[0].equals("proxy65")) {
            ProxyThroughput.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 4 && args[0].equals("clients")) {
            Clients.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    args[3].equals("tls"));
        } else {
            System.err.println("usage: footprint N tls|plain | delivery N CONNECTIONS | proxy65 MIB PAIRS");
            System.exit(2);
        }
    }

    private static void footprint(int n, boolean tls) throws Exception {
        try (EngineFixture fixture = new EngineFixture(ConnectorSettings.DEFAULT)) {
            fixture.server.recordElements = false;
            Listener listener = fixture.listen(tls ? "c2s-tls" : "c2s");
            long before = usedHeapAfterGc();
            Process clients = new ProcessBuilder(
                    new File(System.getProperty("java.home"), "bin/java").getPath(),
                    "-cp", System.getProperty("java.class.path"),
                    ConnectorBenchmark.class.getName(), "clients",
                    String.valueOf(listener.localAddress().getPort()), String.valueOf(n),
                    tls ? "tls" : "plain")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            System.out.println("clients: " + line);
            long during = usedHeapAfterGc();
            System.out.printf("%d idle %s connections: %.1f KiB of heap each (%d open)%n", n,
                    tls ? "TLS" : "plaintext", (during - before) / 1024.0 / n,
                    fixture.engine.connectionCount());
            clients.getOutputStream().close();
            clients.waitFor();
        }
    }

    private static void delivery(int perConnection, int connections) throws Exception {
        try (EngineFixture fixture = new EngineFixture(ConnectorSettings.DEFAULT)) {
            fixture.server.recordElements = false;
            fixture.server.onElement = (id, e) -> {
                if (e.is(Namespaces.CLIENT, "message")) {
                    fixture.server.out().send(id, e);
                }
            };
            Listener listener = fixture.listen("c2s");
            for (int round = 0; round < 5; round++) {
                ExecutorService pool = Executors.newFixedThreadPool(connections);
                long start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    done.add(pool.submit(() -> flood(listener.localAddress(), perConnection)));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double micros = (System.nanoTime() - start) / 1000.0;
                int total = perConnection * connections;
                System.out.printf("round %d: %d connections x %d stanzas: %.2f us per stanza,"
                        + " %.0f stanzas/s, %d endpoints created%n", round, connections,
                        perConnection, micros / total, total / micros * 1e6,
                        fixture.endpoints.created.get());
                pool.shutdown();
            }
        }
    }

    private static Void flood(InetSocketAddress address, int count) throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            StringBuilder burst = new StringBuilder(count * 24);
            for (int i = 0; i < count; i++) {
                burst.append("<presence id='").append(i).append("'/>");
            }
            client.send(burst.append("<message id='end'/>").toString());
            client.readUntil("id='end'");
        }
        return null;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The child JVM: opens the connections, says "ready", holds them until stdin closes. */
    static final class Clients {
        static void run(int port, int n, boolean tls) throws Exception {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            List<TestClient> held = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                TestClient client = tls ? TestClient.direct(address) : new TestClient(address);
                client.send(HEADER);
                client.readUntil("</stream:features>");
                held.add(client);
            }
            System.out.println("ready: " + n + " streams in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            System.out.flush();
            System.in.read();
            for (TestClient client : held) {
                client.close();
            }
        }
    }
}
