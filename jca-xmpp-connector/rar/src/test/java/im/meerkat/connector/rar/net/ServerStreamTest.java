package im.meerkat.connector.rar.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.StreamKind;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.support.EngineFixture;
import im.meerkat.connector.rar.support.TestClient;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;

/** The s2s listener carries jabber:server streams (RFC 6120 §4.8.2) and offers STARTTLS. */
class ServerStreamTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream"
            + " from='remote.example' to='localhost' xmlns='jabber:server'"
            + " xmlns:db='jabber:server:dialback'"
            + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

    private EngineFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT);
        // The server answers s2s headers in its content namespace, as the EJB side must.
        fixture.server.onElement = (id, e) -> fixture.server.out().send(id,
                Element.builder(Namespaces.SERVER, "message").attribute("id", "back").build());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void serverStreamsUseTheServerNamespaceAndStartTls() throws Exception {
        Listener listener = fixture.listen("s2s");
        try (TestClient client = new TestClient(listener.localAddress())) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            client.send("<message xmlns='jabber:server' from='a@remote.example'"
                    + " to='b@localhost' id='in'/>");
            String text = client.readUntil("id='back'");
            // jabber:server is the stream's default namespace: the stanza needs no xmlns
            assertTrue(text.contains("<message id='back'/>"), text);
            client.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            client.readUntil("<proceed");
            client.startTls();
            client.send(HEADER);
            client.readUntil("</stream:features>");
        }
        ConnectionId id = fixture.server.awaitConnection();
        assertEquals(StreamKind.SERVER, fixture.server.log(id).info.kind());
        StreamHeader header = (StreamHeader) fixture.server.log(id).calls.get(1);
        assertEquals(Namespaces.SERVER, header.contentNamespace());
        assertEquals("jabber:server:dialback", header.prefixes().get("db"));
        fixture.server.awaitClosed(id);
        assertTrue(fixture.server.log(id).lastSecurity.encrypted());
    }
}
