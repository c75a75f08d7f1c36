package im.meerkat.testsuite.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0352: a client that says it is inactive gets presence only once it is active again or
 * right before a message, which is never delayed. The raw client uses XEP-0198's {@code <r/>}
 * as a marker: its answer is written after everything routed to the client before it.
 */
class ClientStateIT {

    static final String SM = "urn:xmpp:sm:3";
    static final String CSI = "urn:xmpp:csi:0";
    static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private int acks;

    /** Sends {@code <r/>} and reads up to its answer: everything sent to the client before is read. */
    private ReceivedStream sync(RawXmppClient raw) throws Exception {
        raw.send("<r xmlns='" + SM + "'/>");
        int expected = ++acks;
        ReceivedStream s = raw.await(r -> count(r) >= expected, WAIT);
        assertTrue(count(s) >= expected, "no answer to <r/>: " + raw.text());
        return s;
    }

    private static long count(ReceivedStream s) {
        return s.elements().stream().filter(e -> e.is(SM, "a")).count();
    }

    private static List<XmlNode> from(ReceivedStream s, String name, String jid) {
        return s.elements().stream().filter(e -> e.name().equals(name) && jid.equals(e.attribute("from"))).toList();
    }

    private static void roundTrip(XMPPTCPConnection connection) throws Exception {
        connection.sendIqRequestAndWaitForResponse(new Ping(connection.getXMPPServiceDomain()));
    }

    @Test
    void section5PresenceWaitsWhileInactiveAndAMessageIsNotDelayed() throws Exception {
        Account alice = clients.newAccount("alice");
        try (RawXmppClient phone = RawXmppClient.connect(clients.node().config().c2sPort())) {
            phone.login(clients.node().domain(), clients.node().tls().sslContext(), alice.user(), alice.password(),
                    "phone");
            phone.send("<presence/>");
            phone.send("<enable xmlns='" + SM + "'/>");
            phone.send("<inactive xmlns='" + CSI + "'/>");
            sync(phone);

            XMPPTCPConnection desk = clients.connect(alice, "desk");
            String deskJid = desk.getUser().toString();
            Chat.available(desk, 0); // RFC 6121 §4.2.2: to the user's other available resources
            roundTrip(desk);
            ReceivedStream s = sync(phone);
            assertEquals(List.of(), from(s, "presence", deskJid), "presence is held while inactive");

            phone.send("<active xmlns='" + CSI + "'/>");
            s = sync(phone);
            assertEquals(1, from(s, "presence", deskJid).size(), "the held presence comes when active: " + phone.text());

            phone.send("<inactive xmlns='" + CSI + "'/>");
            sync(phone);
            Chat.sendStanza(desk, desk.getStanzaFactory().buildPresenceStanza()
                    .setMode(Presence.Mode.away).setStatus("one").build());
            Chat.sendStanza(desk, desk.getStanzaFactory().buildPresenceStanza()
                    .setMode(Presence.Mode.away).setStatus("two").build());
            roundTrip(desk);
            s = sync(phone);
            assertEquals(1, from(s, "presence", deskJid).size(), "still held");

            Chat.sendStanza(desk, Chat.message(desk, JidCreate.from(alice.bare() + "/phone"), Message.Type.chat, "now"));
            s = phone.await(r -> r.find(e -> e.name().equals("message") && e.child("jabber:client", "body")
                    .map(b -> "now".equals(b.text())).orElse(false)).isPresent(), WAIT);
            List<XmlNode> elements = s.elements();
            int message = indexOf(elements, e -> e.name().equals("message"));
            assertTrue(message >= 0, "the message arrives while inactive: " + phone.text());
            List<XmlNode> presence = from(s, "presence", deskJid);
            assertEquals(2, presence.size(), "only the latest held presence, before the message: " + phone.text());
            XmlNode latest = presence.get(1);
            assertEquals("two", latest.child("jabber:client", "status").map(XmlNode::text).orElse(null));
            assertTrue(elements.indexOf(latest) < message, "presence first, then the message");
        }
    }

    private static int indexOf(List<XmlNode> elements, Predicate<XmlNode> test) {
        for (int i = 0; i < elements.size(); i++) {
            if (test.test(elements.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
