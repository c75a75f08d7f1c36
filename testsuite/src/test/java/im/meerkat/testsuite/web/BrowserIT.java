package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A real browser: headless Chromium runs strophe.js (an XMPP library from npm, unchanged) in a
 * page, which logs in over WebSocket (RFC 7395) and then over BOSH (XEP-0206), and chats both ways
 * with a Smack user on TCP. See docs/TESTING.md, "The browser test".
 */
class BrowserIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void stropheInChromiumChatsWithATcpUserOverWebSocketAndBosh() throws Exception {
        // in the test, not in @BeforeAll: a skip there would count no test and show no reason
        Browser.Tools tools = Browser.requireInstalled();
        Account alice = clients.newAccount("browser");
        Account bob = clients.newAccount("tcpbob");
        XMPPTCPConnection tcp = clients.connect(bob, "desk");
        String peer = tcp.getUser().toString();
        List<Browser.Transport> transports = List.of(
                new Browser.Transport("websocket", Https.wss(clients.node()).toString()),
                new Browser.Transport("bosh", Https.boshHttps(clients.node()).toString()));
        try (Inbox atBob = Inbox.messages(tcp, FromMatchesFilter.createBare(alice.jid()));
                Browser browser = Browser.start(tools, alice.bare(), alice.password(), peer, Duration.ofSeconds(30),
                        transports)) {
            for (Browser.Transport transport : transports) {
                String name = transport.name();
                String full = browser.next("online", name).get(0);
                assertTrue(full.startsWith(alice.bare() + "/"),
                        "RFC 6120 §7: the page is bound to a resource of its account: " + full);
                String table = clients.node().ctl().run("sessions").stdout();
                assertTrue(table.lines().anyMatch(l -> l.startsWith(full + "\t") && l.contains("\t" + name + "\t")),
                        "the session table lists the page's session with transport " + name + ":\n" + table);

                String sent = browser.next("sent", name).get(0);
                Message m = atBob.nextMessage("the browser's message over " + name);
                assertEquals(full, m.getFrom().toString(), "RFC 6120 §8.1.2.1: from is the sender's full JID");
                assertEquals(sent, m.getBody());

                String reply = "hello from TCP to the browser over " + name;
                Chat.send(tcp, JidCreate.from(full), reply);
                List<String> received = browser.next("received", name);
                assertEquals(List.of(peer, reply), received, "the page receives the TCP user's message");

                List<String> opened = browser.next("closed", name);
                int websockets = Integer.parseInt(opened.get(0));
                int posts = Integer.parseInt(opened.get(1));
                if (name.equals("websocket")) {
                    assertTrue(websockets >= 1 && posts == 0, "only a WebSocket: " + opened);
                } else {
                    assertTrue(websockets == 0 && posts >= 2, "only BOSH requests: " + opened);
                }
            }
            assertEquals(0, browser.exitCode(), "drive.mjs ends cleanly");
        }
    }
}
