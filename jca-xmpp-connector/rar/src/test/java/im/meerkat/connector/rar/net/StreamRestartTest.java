package im.meerkat.connector.rar.net;

import static im.meerkat.connector.rar.net.OrderedDeliveryTest.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.support.EngineFixture;
import im.meerkat.connector.rar.support.TestClient;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;

/** RFC 6120 §6.4.6: after SASL success both sides start a new stream on the same socket. */
class StreamRestartTest {

    private EngineFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT);
        // The bean's SASL step: restart first, then the element that lets the peer restart.
        fixture.server.onElement = (id, e) -> {
            if (e.is(Namespaces.SASL, "auth")) {
                fixture.server.out().restartStream(id);
                fixture.server.out().send(id, Element.empty(XmlName.of(Namespaces.SASL,
                        "success")));
            }
        };
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void newHeaderAfterSuccessOpensANewStream() throws Exception {
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AA==</auth>");
            client.readUntil("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
            client.clear();
            // the same bytes as the first header: only a new parser accepts them
            client.send(HEADER + "<iq type='set' id='bind'/>");
            String second = client.readUntil("</stream:features>");
            assertTrue(second.startsWith("<?xml version='1.0'?><stream:stream "),
                    "a fresh header from the server: " + second);
            ConnectionId id = fixture.server.awaitConnection();
            awaitCalls(id, 5);
            List<Object> calls = fixture.server.log(id).calls;
            assertEquals(StreamHeader.class, calls.get(3).getClass(), calls.toString());
            assertEquals("bind", ((Element) calls.get(4)).attribute("id"));
            assertFalse(calls.stream().anyMatch(c -> c instanceof im.meerkat.connector.api
                    .CloseReason), "still open");
        }
    }

    @Test
    void secondHeaderWithoutRestartIsAnError() throws Exception {
        // Without restartStream the stream element cannot appear again inside the stream.
        Listener listener = fixture.listen("c2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send(HEADER);
            String text = client.readToEnd();
            assertTrue(text.contains("<stream:error>"), text);
        }
    }

    private void awaitCalls(ConnectionId id, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (fixture.server.log(id).calls.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("calls: " + fixture.server.log(id).calls);
            }
            Thread.sleep(5);
        }
    }
}
