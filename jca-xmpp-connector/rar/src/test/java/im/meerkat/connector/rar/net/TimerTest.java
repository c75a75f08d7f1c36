package im.meerkat.connector.rar.net;

import static im.meerkat.connector.rar.net.OrderedDeliveryTest.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.support.EngineFixture;
import im.meerkat.connector.rar.support.TestClient;
import im.meerkat.xmpp.error.StreamErrorCondition;

/** Whitespace keepalives (RFC 6120 §4.6.1) and the idle timeout (§4.9.3.4). */
class TimerTest {

    private EngineFixture fixture;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void silentPeerGetsConnectionTimeout() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT
                .withKeepalive(Duration.ZERO).withIdleTimeout(Duration.ofMillis(400)));
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            long start = System.nanoTime();
            String text = client.readToEnd();
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(text.endsWith("<stream:error><connection-timeout"
                    + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                    + "</stream:stream>"), text);
            assertTrue(waited >= 300, "closed after " + waited + " ms, before the timeout");
        }
        ConnectionId id = fixture.server.awaitConnection();
        CloseReason reason = fixture.server.awaitClosed(id);
        assertEquals(CloseReason.Cause.IDLE_TIMEOUT, reason.cause());
        assertEquals(StreamErrorCondition.CONNECTION_TIMEOUT, reason.error().condition());
    }

    @Test
    void peerThatKeepsSendingStaysConnected() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT
                .withKeepalive(Duration.ZERO).withIdleTimeout(Duration.ofMillis(400)));
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            for (int i = 0; i < 8; i++) {
                Thread.sleep(150);
                client.send(" "); // the peer's own whitespace keepalive counts as traffic
            }
            ConnectionId id = fixture.server.awaitConnection();
            assertTrue(fixture.server.out().isOpen(id));
        }
    }

    @Test
    void slowListenerDoesNotMakeThePeerLookIdle() throws Exception {
        fixture = new EngineFixture(new ConnectorSettings(2, 4, 2, 512 * 1024, Duration.ZERO,
                Duration.ofMillis(300), Duration.ofSeconds(2),
                ConnectorSettings.DEFAULT.limits()));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        fixture.server.onElement = (id, e) -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send("<presence/>".repeat(10)); // fills the mailbox: reading pauses
            Thread.sleep(900);
            ConnectionId id = fixture.server.awaitConnection();
            assertTrue(fixture.server.out().isOpen(id),
                    "paused for the listener for 3 idle periods, yet not timed out");
            release.countDown();
        }
    }

    @Test
    void writeIdleConnectionGetsASingleSpace() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT
                .withKeepalive(Duration.ofMillis(200)).withIdleTimeout(Duration.ofSeconds(30)));
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            String afterFeatures = client.readUntil("</stream:features>");
            client.clear();
            Thread.sleep(700);
            client.send("<presence/>");
            client.readUntil(" ");
            String keepalives = client.text();
            assertTrue(keepalives.length() >= 1 && keepalives.isBlank(),
                    "only whitespace between stanzas: '" + keepalives + "' after " + afterFeatures);
            assertTrue(keepalives.chars().allMatch(c -> c == ' '));
        }
    }

    @Test
    void noKeepaliveBeforeTheServerHasSentItsHeader() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT
                .withKeepalive(Duration.ofMillis(100)).withIdleTimeout(Duration.ofSeconds(30)));
        fixture.server.answerHeaders = false;
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.socket().setSoTimeout(600);
            assertTrue(client.readToEndOrTimeout().isEmpty(),
                    "text before any stream header would not be XML");
        }
    }
}
