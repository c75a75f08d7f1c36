package im.meerkat.connector.rar.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.StreamKind;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.support.EngineFixture;
import im.meerkat.connector.rar.support.ScriptedServer;
import im.meerkat.connector.rar.support.TestClient;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;

/**
 * Architecture invariant 2: one connection's events reach the listener one at a time and in
 * the order they were read, from connectionOpened to exactly one connectionClosed.
 */
class OrderedDeliveryTest {

    static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost'"
            + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " version='1.0'>";

    private EngineFixture fixture;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT);
        listener = fixture.listen("c2s");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void eventsOfOneConnectionArriveInOrderAndOneAtATime() throws Exception {
        int count = 2000;
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < count; i++) {
                burst.append("<message id='m").append(i).append("'><body>").append(i)
                        .append("</body></message>");
            }
            client.send(burst + "</stream:stream>");
            assertTrue(client.readToEnd().endsWith("</stream:stream>"),
                    "RFC 6120 §4.4: the server answers the peer's close with its own");
        }
        ConnectionId id = fixture.server.awaitConnection();
        CloseReason reason = fixture.server.awaitClosed(id);
        assertEquals(CloseReason.Cause.CLOSED_BY_PEER, reason.cause());

        ScriptedServer.Log log = fixture.server.log(id);
        List<Object> calls = log.calls;
        assertEquals("opened", calls.get(0));
        assertEquals(StreamKind.CLIENT, log.info.kind());
        StreamHeader header = assertInstanceOf(StreamHeader.class, calls.get(1));
        assertEquals("localhost", header.to());
        for (int i = 0; i < count; i++) {
            Element e = assertInstanceOf(Element.class, calls.get(2 + i));
            assertEquals("m" + i, e.attribute("id"));
        }
        assertEquals("stream-closed", calls.get(2 + count));
        assertEquals(reason, calls.get(3 + count));
        assertEquals(4 + count, calls.size(), "nothing after connectionClosed");
        assertEquals(1, log.maxInFlight.get(), "at most one delivery in flight per connection");
        assertEquals(fixture.endpoints.created.get(), fixture.endpoints.released.get(),
                "every endpoint created is released");
    }

    @Test
    void connectionsAreDeliveredIndependently() throws Exception {
        int clients = 8;
        int perClient = 300;
        // A slow bean: parallel connections must not wait for each other's deliveries.
        fixture.server.onElement = (id, e) -> sleepQuietly(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                try (TestClient client = new TestClient(listener.localAddress())) {
                    client.send(HEADER);
                    client.readUntil("</stream:features>");
                    for (int i = 0; i < perClient; i++) {
                        client.send("<presence id='p" + i + "'/>");
                    }
                    client.send("</stream:stream>");
                    client.readToEnd();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(clients, fixture.server.logs().size());
        for (ConnectionId id : fixture.server.logs().keySet()) {
            fixture.server.awaitClosed(id);
            ScriptedServer.Log log = fixture.server.log(id);
            int next = 0;
            for (Object call : log.calls) {
                if (call instanceof Element e) {
                    assertEquals("p" + next++, e.attribute("id"));
                }
            }
            assertEquals(perClient, next);
            assertEquals(1, log.maxInFlight.get());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
