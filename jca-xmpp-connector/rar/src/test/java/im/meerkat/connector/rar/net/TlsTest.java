package im.meerkat.connector.rar.net;

import static im.meerkat.connector.rar.net.OrderedDeliveryTest.HEADER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.support.CoalescingTlsClient;
import im.meerkat.connector.rar.support.EngineFixture;
import im.meerkat.connector.rar.support.TestClient;
import im.meerkat.connector.rar.tls.TlsServerContext;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;

/** STARTTLS (RFC 6120 §5.4) and direct TLS (XEP-0368) with a real JSSE client. */
class TlsTest {

    private static final String STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

    private EngineFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void startTlsUpgradesTheConnectionAndRestartsTheStream() throws Exception {
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            client.send(STARTTLS);
            client.readUntil("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            client.startTls();
            assertEquals("TLSv1.3", client.protocol());
            // §5.4.3.3: after TLS, the client opens a new stream, and the server answers it
            client.send(HEADER);
            String features = client.readUntil("</stream:features>");
            assertFalse(features.contains("starttls"), features);
            client.send("<message id='secret'/>");
            ConnectionId id = fixture.server.awaitConnection();
            awaitElement(id, "secret");

            List<Object> calls = fixture.server.log(id).calls;
            List<StreamHeader> headers = calls.stream()
                    .filter(StreamHeader.class::isInstance).map(StreamHeader.class::cast).toList();
            assertEquals(2, headers.size(), "a second stream header after TLS");
            TransportSecurity security = fixture.server.log(id).lastSecurity;
            assertTrue(security.encrypted());
            assertEquals("TLSv1.3", security.protocol());
            assertChannelBinding(security, client.serverCertificates[0]);
        }
    }

    /**
     * §5.4.3.3: the client's new stream header may come in the same segment as its last
     * handshake records (TLS 1.3) or right after the handshake (TLS 1.2). The server must take
     * it as sent under TLS (features without STARTTLS) and answer it without waiting for more
     * input. Many connections, as the timing of the reads varies.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aStreamHeaderWithTheLastHandshakeRecordsIsAnsweredUnderTls(String protocol)
            throws Exception {
        Listener listener = fixture.listen("c2s");
        for (int i = 0; i < 100; i++) {
            try (CoalescingTlsClient client = new CoalescingTlsClient(listener.localAddress())) {
                client.send(HEADER);
                client.readPlainUntil("</stream:features>");
                client.send(STARTTLS);
                client.readPlainUntil("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
                client.handshakeThenSend(TestClient.trustingContext(), protocol, HEADER);
                assertEquals(protocol, client.protocol());
                String answer = client.readUntil("</stream:features>");
                assertTrue(answer.contains("</stream:features>"),
                        "connection " + i + ": no features after the restart; got: " + answer);
                assertTrue(answer.contains("<mechanism>PLAIN</mechanism>")
                        && !answer.contains("starttls"),
                        "connection " + i + ": the new stream is not seen as encrypted: " + answer);
            }
        }
    }

    @Test
    void bytesAfterStartTlsAreNeverReadAsPlaintext() throws Exception {
        // An injected stanza after <starttls/> (RFC 6120 §5.4.3.3 forbids processing it):
        // it is held for TLS, where it is not a valid record, so the handshake fails.
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send(STARTTLS + "<message id='injected'/>");
            client.readUntil("<proceed");
            client.readToEnd();
        }
        ConnectionId id = fixture.server.awaitConnection();
        fixture.server.awaitClosed(id);
        assertFalse(fixture.server.log(id).calls.stream().anyMatch(c -> c instanceof Element e
                && "injected".equals(e.attribute("id"))), "the injected stanza was delivered");
    }

    @Test
    void directTlsWithTls13() throws Exception {
        Listener listener = fixture.listen("c2s-tls");
        try (TestClient client = TestClient.direct(listener.localAddress())) {
            assertEquals("TLSv1.3", client.protocol());
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send("<presence id='p1'/>");
            ConnectionId id = fixture.server.awaitConnection();
            awaitElement(id, "p1");
            assertTrue(fixture.server.log(id).info.directTls());
            assertChannelBinding(fixture.server.log(id).lastSecurity, client.serverCertificates[0]);
        }
    }

    @Test
    void directTlsWithTls12() throws Exception {
        Listener listener = fixture.listen("c2s-tls");
        try (TestClient client = TestClient.direct(listener.localAddress(), "TLSv1.2")) {
            assertEquals("TLSv1.2", client.protocol());
            client.send(HEADER);
            client.readUntil("</stream:features>");
            ConnectionId id = fixture.server.awaitConnection();
            assertEquals("TLSv1.2", fixture.server.log(id).lastSecurity.protocol());
        }
    }

    @Test
    void tlsOlderThan12IsRefused() throws Exception {
        Listener listener = fixture.listen("c2s-tls");
        assertThrows(IOException.class, () -> TestClient.direct(listener.localAddress(), "TLSv1.1"));
        ConnectionId id = fixture.server.awaitConnection();
        fixture.server.awaitClosed(id);
    }

    @Test
    void largeStanzasCrossTlsRecordsInBothDirections() throws Exception {
        Listener listener = fixture.listen("c2s-tls");
        String body = "y".repeat(40_000);
        fixture.server.onElement = (id, e) -> fixture.server.out().send(id, e);
        try (TestClient client = TestClient.direct(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send("<message id='big'><body>" + body + "</body></message>");
            String echoed = client.readUntil("</message>");
            assertTrue(echoed.contains(body));
        }
    }

    @Test
    void tlsExporterWhereTheJdkCanExportKeyingMaterial() throws Exception {
        java.lang.reflect.Method export;
        try {
            export = javax.net.ssl.ExtendedSSLSession.class.getMethod("exportKeyingMaterialData",
                    String.class, byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            export = null;
        }
        Listener listener = fixture.listen("c2s-tls");
        try (TestClient client = TestClient.direct(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            ConnectionId id = fixture.server.awaitConnection();
            byte[] server = fixture.server.log(id).lastSecurity.channelBindings()
                    .get(TlsServerContext.TLS_EXPORTER);
            if (export == null) {
                assertEquals(null, server, "no exporter before Java 25");
                return;
            }
            // RFC 9266 §2: both ends derive the same 32 bytes
            byte[] expected = (byte[]) export.invoke(client.session(),
                    "EXPORTER-Channel-Binding", new byte[0], 32);
            assertArrayEquals(expected, server);
            assertEquals(32, server.length);
        }
    }

    /** RFC 5929 §4.1: the hash of the server's certificate, SHA-256 for an ECDSA-SHA256 one. */
    private static void assertChannelBinding(TransportSecurity security, X509Certificate cert)
            throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        assertArrayEquals(expected,
                security.channelBindings().get(TlsServerContext.TLS_SERVER_END_POINT));
    }

    private void awaitElement(ConnectionId id, String elementId) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (fixture.server.log(id).calls.stream().noneMatch(c -> c instanceof Element e
                && elementId.equals(e.attribute("id")))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no element " + elementId + " in "
                        + fixture.server.log(id).calls);
            }
            Thread.sleep(5);
        }
    }
}
