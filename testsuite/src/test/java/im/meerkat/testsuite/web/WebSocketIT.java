package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.xmpp.xml.Element;
import java.util.concurrent.CompletionException;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XMPP over WebSocket (RFC 7395) at {@code /ws-xmpp}: a browser-like client logs in over wss and
 * chats with a TCP user through the same session layer, and bad framing ends only its own stream.
 */
class WebSocketIT {

    private static final int COUNT = 50;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void websocketUserChatsWithTcpUserBothWaysInOrder() throws Exception {
        Account alice = clients.newAccount("wsalice");
        Account bob = clients.newAccount("tcpbob");
        XMPPTCPConnection tcp = clients.connect(bob, "desk");
        try (WsClient ws = WsClient.connect(Https.wss(clients.node()))) {
            assertEquals("xmpp", ws.subprotocol(), "RFC 7395 §3.1: the server agrees to the subprotocol");
            String full = ws.login(alice.domain(), alice.user(), alice.password(), "browser");
            assertEquals(alice.bare() + "/browser", full);
            String table = clients.node().ctl().run("sessions").stdout();
            assertTrue(table.lines().anyMatch(l -> l.startsWith(full + "\t") && l.contains("\twebsocket\t127.0.0.1:")),
                    "the session table lists the WebSocket session with its client address:\n" + table);

            try (Inbox atBob = Inbox.messages(tcp, FromMatchesFilter.createFull(JidCreate.from(full)))) {
                for (int i = 0; i < COUNT; i++) {
                    ws.send(Xml.chat(tcp.getUser().toString(), "m" + i, "ws " + i));
                }
                for (int i = 0; i < COUNT; i++) {
                    Message m = atBob.nextMessage("message " + i + " from the WebSocket user");
                    assertEquals("ws " + i, m.getBody(), "RFC 6120 §10.1: in the order sent");
                }
            }
            for (int i = 0; i < COUNT; i++) {
                Chat.send(tcp, JidCreate.from(full), "tcp " + i);
            }
            for (int i = 0; i < COUNT; i++) {
                Element m = ws.expect(Xml.CLIENT, "message");
                assertEquals(tcp.getUser().toString(), m.attribute("from"));
                assertEquals("tcp " + i, m.child("body").orElseThrow().text(), "in the order sent");
            }

            ws.send("<close xmlns='" + Xml.FRAMING + "'/>");
            ws.expect(Xml.FRAMING, "close");
            assertEquals(1000, ws.closeCode(), "RFC 7395 §3.6: the server closes the WebSocket after <close/>");
        }
    }

    @Test
    void handshakeWithoutTheXmppSubprotocolIsClosedWithProtocolError() {
        try (WsClient ws = WsClient.connectWithoutSubprotocol(Https.wss(clients.node()))) {
            assertEquals(1002, ws.closeCode(), "RFC 7395 §3.1: no XMPP without the xmpp subprotocol");
        }
    }

    @Test
    void twoElementsInOneMessageAreNotWellFormed() {
        assertFramingError("<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>", "not-well-formed");
    }

    @Test
    void textThatIsNoXmlIsNotWellFormed() {
        assertFramingError("hello there", "not-well-formed");
    }

    @Test
    void aDoctypeIsRestrictedXml() {
        assertFramingError("<!DOCTYPE x [<!ENTITY a 'b'>]><presence xmlns='jabber:client'/>", "restricted-xml");
    }

    private void assertFramingError(String message, String condition) {
        Account alice = clients.newAccount("wsbad");
        try (WsClient ws = WsClient.connect(Https.wss(clients.node()))) {
            ws.login(alice.domain(), alice.user(), alice.password(), "bad");
            ws.send(message);
            Element error = ws.expect(Xml.STREAMS, "error");
            assertEquals(condition, Xml.streamErrorCondition(error), "RFC 7395 §3.3.3, RFC 6120 §4.9.3");
            ws.expect(Xml.FRAMING, "close");
            assertEquals(1000, ws.closeCode());
        }
        // the session ends when the server has processed the closed connection, just after it
        Await.until("the session to end with the stream",
                () -> clients.node().admin().sessionJids().stream().noneMatch(j -> j.startsWith(alice.bare() + "/")),
                () -> clients.node().admin().sessionJids());
    }

    @Test
    void plainWebSocketIsRefusedWhileTlsIsRequired() {
        try (WsClient ws = WsClient.connect(Https.ws(clients.node()))) {
            Element open = ws.open(clients.node().domain());
            assertNotNull(open.attribute("id"));
            Element error = ws.expect(Xml.STREAMS, "error");
            assertEquals("policy-violation", Xml.streamErrorCondition(error),
                    "meerkat.tls.required: an unencrypted stream is refused");
            ws.expect(Xml.FRAMING, "close");
        }
    }

    @Test
    void saslWithoutStartTlsOverWss() {
        try (WsClient ws = WsClient.connect(Https.wss(clients.node()))) {
            ws.open(clients.node().domain());
            Element features = ws.expect(Xml.STREAMS, "features");
            assertTrue(features.child(im.meerkat.xmpp.xml.XmlName.of(Xml.SASL, "mechanisms")).isPresent(),
                    "RFC 7395 §3.7: SASL directly, wss being encrypted");
            assertTrue(features.elements().stream().noneMatch(f -> f.localName().equals("starttls")),
                    "no STARTTLS over WebSocket");
        }
    }

    @Test
    void binaryFramesAreNotAccepted() {
        try (WsClient ws = WsClient.connect(Https.wss(clients.node()))) {
            ws.open(clients.node().domain());
            ws.expect(Xml.STREAMS, "features");
            try {
                ws.sendBinary();
            } catch (CompletionException e) {
                // the server may already have closed
            }
            assertEquals(1003, ws.closeCode(), "RFC 7395 §3.2 text frames only; RFC 6455 §7.4.1 1003");
        }
    }
}
