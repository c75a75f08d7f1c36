package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.hints.element.NoCopyHint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message Carbons (XEP-0280) with Smack's {@link CarbonManager}: received and sent copies reach
 * the user's other carbons-enabled resource, private and no-copy messages are not copied, and
 * disabling stops the copies.
 */
class CarbonsIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private XMPPTCPConnection online(Account account, String resource, boolean carbons)
            throws Exception {
        XMPPTCPConnection c = clients.connect(account, resource);
        Chat.available(c, 0);
        if (carbons) {
            CarbonManager.getInstanceFor(c).enableCarbons();
        }
        return c;
    }

    private static Message chat(XMPPTCPConnection from, XMPPTCPConnection to, String body) {
        return Chat.message(from, to.getUser(), Message.Type.chat, body);
    }

    /** The copy's direction and the forwarded message's body, checked against §7/§8's form. */
    private static Message forwarded(Message copy, CarbonExtension.Direction direction,
            Account owner) {
        CarbonExtension carbon = CarbonExtension.from(copy);
        assertNotNull(carbon, () -> "not a carbon copy: " + copy.toXML());
        assertEquals(direction, carbon.getDirection(), () -> copy.toXML().toString());
        assertEquals(owner.bare(), copy.getFrom().toString(), "copies come from the bare JID");
        return carbon.getForwarded().getForwardedStanza();
    }

    @Test
    void theServerAnnouncesCarbons() throws Exception { // XEP-0280 §3
        XMPPTCPConnection c = clients.connect(clients.newAccount("alice"), "desk");
        assertTrue(CarbonManager.getInstanceFor(c).isSupportedByServer());
    }

    @Test
    void receivedAndSentMessagesAreCopiedToTheOtherResource() throws Exception { // §7, §8
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection phone = online(alice, "phone", true);
        XMPPTCPConnection desk = online(alice, "desk", true);
        XMPPTCPConnection bob = online(clients.newAccount("bob"), "home", false);

        try (Inbox atDesk = Inbox.messages(desk); Inbox atPhone = Inbox.messages(phone);
                Inbox atBob = Inbox.messages(bob)) {
            Chat.sendStanza(bob, chat(bob, phone, "to the phone"));
            assertEquals("to the phone", atPhone.nextMessage("the message").getBody());
            Message received = forwarded(atDesk.nextMessage("the received copy"),
                    CarbonExtension.Direction.received, alice);
            assertEquals("to the phone", received.getBody());
            assertEquals(phone.getUser(), received.getTo());
            assertEquals(bob.getUser(), received.getFrom());

            Chat.sendStanza(phone, chat(phone, bob, "from the phone"));
            assertEquals("from the phone", atBob.nextMessage("the message").getBody());
            Message sent = forwarded(atDesk.nextMessage("the sent copy"),
                    CarbonExtension.Direction.sent, alice);
            assertEquals("from the phone", sent.getBody());
            assertEquals(bob.getUser(), sent.getTo());
            assertEquals(phone.getUser(), sent.getFrom());
            // §8: no copy back to the sender
            Chat.assertChatting(bob, phone);
            assertTrue(atPhone.drain().stream().map(m -> (Message) m)
                    .noneMatch(m -> CarbonExtension.from(m) != null), "no copy to the sender");
        }
    }

    @Test
    void privateAndNoCopyMessagesAreNotCopied() throws Exception { // §9, XEP-0334 §4.2
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection phone = online(alice, "phone", true);
        XMPPTCPConnection desk = online(alice, "desk", true);
        XMPPTCPConnection bob = online(clients.newAccount("bob"), "home", false);

        try (Inbox atDesk = Inbox.messages(desk); Inbox atPhone = Inbox.messages(phone)) {
            MessageBuilder secret = bob.getStanzaFactory().buildMessageStanza()
                    .to(phone.getUser()).ofType(Message.Type.chat).setBody("private");
            CarbonExtension.Private.addTo(secret);
            Chat.sendStanza(bob, secret.build());
            Chat.sendStanza(bob, bob.getStanzaFactory().buildMessageStanza()
                    .to(phone.getUser()).ofType(Message.Type.chat).setBody("no copy")
                    .addExtension(NoCopyHint.INSTANCE).build());
            Chat.sendStanza(bob, chat(bob, phone, "copied"));

            Message first = atPhone.nextMessage("the private message");
            assertEquals("private", first.getBody());
            assertNull(first.getExtension(CarbonExtension.Private.QNAME),
                    "the recipient gets it without <private/> (§9)");
            // Copies are written in routing order: the first copy is that of the last message
            Message copy = forwarded(atDesk.nextMessage("a received copy"),
                    CarbonExtension.Direction.received, alice);
            assertEquals("copied", copy.getBody());
        }
    }

    @Test
    void disablingStopsTheCopies() throws Exception { // §5
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection phone = online(alice, "phone", true);
        XMPPTCPConnection desk = online(alice, "desk", true);
        XMPPTCPConnection bob = online(clients.newAccount("bob"), "home", false);
        CarbonManager.getInstanceFor(desk).disableCarbons();

        try (Inbox atDesk = Inbox.messages(desk); Inbox atPhone = Inbox.messages(phone)) {
            Chat.sendStanza(bob, chat(bob, phone, "not copied"));
            assertEquals("not copied", atPhone.nextMessage("the message").getBody());
            Chat.sendStanza(bob, chat(bob, desk, "marker"));
            // The marker went through the same routing after the first message
            Message next = atDesk.nextMessage("the marker");
            assertEquals("marker", next.getBody(), () -> next.toXML().toString());
            List<Stanza> rest = atDesk.drain();
            assertEquals(List.of(), rest);
        }
    }
}
