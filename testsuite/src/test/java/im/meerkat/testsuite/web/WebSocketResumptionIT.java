package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.xmpp.xml.Element;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0198 over WebSocket (RFC 7395): the same stream state machine as TCP, so a session whose
 * WebSocket closes without {@code <close/>} waits, and a new WebSocket resumes it.
 */
class WebSocketResumptionIT {

    static final String SM = "urn:xmpp:sm:3";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void section5ASessionIsResumedOnANewWebSocketWithTheMessagesSentMeanwhile() throws Exception {
        Account alice = clients.newAccount("wsalice");
        Account bob = clients.newAccount("tcpbob");
        XMPPTCPConnection tcp = clients.connect(bob, "desk");
        String full;
        String id;
        try (WsClient ws = WsClient.connect(Https.wss(clients.node()))) {
            full = ws.login(alice.domain(), alice.user(), alice.password(), "browser");
            ws.send("<enable xmlns='" + SM + "' resume='true'/>");
            Element enabled = ws.expect(SM, "enabled");
            id = enabled.attribute("id");
            assertNotNull(id, "resumption over WebSocket: " + enabled);
        } // a WebSocket close without <close/>: the connection is lost, the session waits
        for (int i = 1; i <= 3; i++) {
            Chat.send(tcp, JidCreate.from(full), "away " + i);
        }
        tcp.sendIqRequestAndWaitForResponse(new Ping(tcp.getXMPPServiceDomain()));
        try (WsClient ws = WsClient.connect(Https.wss(clients.node()))) {
            ws.open(alice.domain());
            ws.expect(Xml.STREAMS, "features");
            ws.send(Xml.plainAuth(alice.user(), alice.password()));
            ws.expect(Xml.SASL, "success");
            ws.open(alice.domain());
            ws.expect(Xml.STREAMS, "features");
            ws.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            assertEquals(id, ws.expect(SM, "resumed").attribute("previd"));
            for (int i = 1; i <= 3; i++) {
                Element m = ws.expect(Xml.CLIENT, "message");
                assertEquals("away " + i, m.child("body").orElseThrow().text(), "in order, nothing lost");
                assertEquals(full, m.attribute("to"));
            }
            ws.send("<close xmlns='" + Xml.FRAMING + "'/>");
        }
    }
}
