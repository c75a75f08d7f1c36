package im.meerkat.connector.rar.net;

import static im.meerkat.connector.rar.net.OrderedDeliveryTest.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.support.EngineFixture;
import im.meerkat.connector.rar.support.TestClient;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.xml.Element;

/**
 * RFC 6120 §4.9 and §11 (architecture invariants 4 and 5): the connector answers bad input on
 * its own with the stream error it deserves, sending its stream header first when the server
 * has not, and then closes; the listener learns why.
 */
class StreamErrorTest {

    private EngineFixture fixture;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        ConnectorSettings settings = ConnectorSettings.DEFAULT
                .withLimits(new ParserLimits(4096, 8, 8))
                .withIdleTimeout(Duration.ofSeconds(30));
        fixture = new EngineFixture(settings);
        listener = fixture.listen("c2s");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /** What the peer gets back for {@code input}, with the server not answering headers. */
    private String errorFor(String input) throws Exception {
        fixture.server.answerHeaders = false;
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(input);
            return client.readToEnd();
        }
    }

    private void assertStreamError(String received, StreamErrorCondition condition)
            throws Exception {
        // §4.9.1.2: an error before the server's header is preceded by one
        assertTrue(received.startsWith("<?xml version='1.0'?><stream:stream "), received);
        assertTrue(received.contains("<stream:error><" + condition.elementName()
                + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), received);
        assertTrue(received.endsWith("</stream:stream>"), received);
        ConnectionId id = fixture.server.awaitConnection();
        CloseReason reason = fixture.server.awaitClosed(id);
        assertEquals(CloseReason.Cause.PROTOCOL_ERROR, reason.cause());
        assertEquals(condition, reason.error().condition());
    }

    @Test
    void commentIsRestrictedXml() throws Exception {
        // RFC 6120 §11.1: comments MUST NOT appear
        assertStreamError(errorFor(HEADER + "<!-- hello -->"), StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void processingInstructionIsRestrictedXml() throws Exception {
        assertStreamError(errorFor(HEADER + "<?evil stuff?>"), StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void dtdIsRestrictedXml() throws Exception {
        assertStreamError(errorFor("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]>"
                + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"),
                StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void entityReferenceIsRestrictedXml() throws Exception {
        // §11.1: only the five predefined entities may be referenced
        assertStreamError(errorFor(HEADER + "<message><body>&ent;</body></message>"),
                StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesAreFine() throws Exception {
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send("<message id='e'><body>&lt;&amp;&#x263A;</body></message>");
            ConnectionId id = fixture.server.awaitConnection();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (fixture.server.log(id).calls.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Element message = (Element) fixture.server.log(id).calls.get(2);
            assertEquals("<&\u263A", message.elements().get(0).text());
        }
    }

    @Test
    void brokenXmlIsNotWellFormed() throws Exception {
        assertStreamError(errorFor(HEADER + "<message><body></message>"),
                StreamErrorCondition.NOT_WELL_FORMED);
    }

    @Test
    void stanzaOverTheSizeLimitIsPolicyViolation() throws Exception {
        assertStreamError(errorFor(HEADER + "<message><body>" + "x".repeat(5000)
                + "</body></message>"), StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void unfinishedHugeStanzaIsCutOffWithoutWaitingForItsEnd() throws Exception {
        // The bytes of an element in progress count too: no peer can make the parser buffer
        // without bound by never closing a tag.
        assertStreamError(errorFor(HEADER + "<message><body>" + "x".repeat(5000)),
                StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void tooDeepIsPolicyViolation() throws Exception {
        assertStreamError(errorFor(HEADER + "<a>".repeat(9) + "</a>".repeat(9)),
                StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void errorAfterTheServersHeaderDoesNotRepeatIt() throws Exception {
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send("<iq><!-- no --></iq>");
            String text = client.readToEnd();
            assertEquals(1, text.split("<stream:stream ", -1).length - 1, text);
            assertTrue(text.contains("<restricted-xml "), text);
        }
        ConnectionId id = fixture.server.awaitConnection();
        fixture.server.awaitClosed(id);
        assertFalse(fixture.server.log(id).calls.stream().anyMatch(c -> c instanceof Element),
                "the bad stanza never reaches the server");
    }

    @Test
    void serverClosesWithAnErrorOfItsChoice() throws Exception {
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            ConnectionId id = fixture.server.awaitConnection();
            fixture.server.out().closeStream(id,
                    im.meerkat.xmpp.error.StreamError.of(StreamErrorCondition.HOST_UNKNOWN));
            String text = client.readToEnd();
            assertTrue(text.endsWith("<stream:error><host-unknown"
                    + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                    + "</stream:stream>"), text);
            CloseReason reason = fixture.server.awaitClosed(id);
            assertEquals(CloseReason.Cause.CLOSED_BY_SERVER, reason.cause());
            assertFalse(fixture.server.out().isOpen(id));
            assertFalse(fixture.server.out().send(id, Element.builder("jabber:client", "message")
                    .build()), "writes to a closed connection report false");
        }
    }
}
