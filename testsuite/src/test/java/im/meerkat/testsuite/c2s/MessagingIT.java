package im.meerkat.testsuite.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.Names;
import im.meerkat.testsuite.harness.ProcessResult;
import im.meerkat.testsuite.harness.Transport;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/**
 * Presence and messages between two users (RFC 6121 §4, §5): broadcast presence reaches the
 * user's own resources, directed presence its addressee, and messages arrive complete and in the
 * order they were sent (RFC 6120 §10.1), to full and to bare JIDs.
 */
class MessagingIT {

    private static final int COUNT = 200;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void usersRegisteredWithMeerkatctlChatOverBothTransports() {
        String alice = Names.unique("alice");
        String bob = Names.unique("bob");
        String password = Names.password();
        String domain = clients.node().domain();
        for (String user : List.of(alice, bob)) {
            ProcessResult registered = clients.node().ctl().run("register", user, domain,
                    password);
            assertEquals(0, registered.exitCode(), registered.describe());
        }
        XMPPTCPConnection a = clients.login(alice, password).mechanism("SCRAM-SHA-256")
                .resource("desk").connect();
        XMPPTCPConnection b = clients.login(bob, password).mechanism("SCRAM-SHA-256")
                .transport(Transport.DIRECT_TLS).resource("phone").connect();
        Chat.assertChatting(a, b);
    }

    @Test
    void broadcastPresenceReachesTheUsersOtherResourcesAndItself() {
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection first = clients.connect(alice, "first");
        XMPPTCPConnection second = clients.connect(alice, "second");
        Chat.available(first, 0);

        try (Inbox atFirst = Inbox.presences(first, FromMatchesFilter.createFull(second.getUser()));
                Inbox atSecond = Inbox.presences(second,
                        FromMatchesFilter.createFull(second.getUser()))) {
            Chat.available(second, 3);
            // RFC 6121 §4.2.2: initial presence goes to all of the user's available resources,
            // including the one that sent it.
            Presence seen = atFirst.nextPresence("second's initial presence at first");
            assertEquals(Presence.Type.available, seen.getType());
            assertEquals(3, seen.getPriority());
            Presence echo = atSecond.nextPresence("second's own initial presence");
            assertEquals(Presence.Type.available, echo.getType());
        }
    }

    @Test
    void directedPresenceReachesItsAddresseeAndSoDoesTheUnavailable() {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection b = clients.connect(bob, "phone");
        Chat.available(a, 0);
        Chat.available(b, 0);

        try (Inbox atBob = Inbox.presences(b, FromMatchesFilter.createFull(a.getUser()))) {
            // RFC 6121 §4.6: presence with a 'to' goes to that entity, not subscribed to alice.
            Chat.sendStanza(a, a.getStanzaFactory().buildPresenceStanza().to(b.getUser())
                    .ofType(Presence.Type.available).setStatus("here for you").build());
            Presence directed = atBob.nextPresence("alice's directed presence");
            assertEquals(Presence.Type.available, directed.getType());
            assertEquals("here for you", directed.getStatus());

            // RFC 6121 §4.6.3: the server remembers it and sends the unavailable presence too.
            Chat.sendStanza(a, a.getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.unavailable).build());
            Presence gone = atBob.nextPresence("alice's unavailable presence after directed");
            assertEquals(Presence.Type.unavailable, gone.getType());
        }
    }

    @Test
    void messagesToAFullJidArriveCompleteAndInOrder() {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection b = clients.connect(bob, "phone");
        assertInOrder(a, b, b.getUser());
    }

    @Test
    void messagesToABareJidArriveCompleteAndInOrder() {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.login(alice).transport(Transport.DIRECT_TLS)
                .resource("desk").connect();
        XMPPTCPConnection b = clients.connect(bob, "phone");
        Chat.available(b, 1);
        Chat.assertChatting(a, b);
        assertInOrder(a, b, bob.jid());
    }

    /** Sends {@value #COUNT} messages and checks each arrives once, in sending order. */
    private static void assertInOrder(XMPPTCPConnection from, XMPPTCPConnection to, Jid address) {
        String run = Long.toString(System.nanoTime(), 36);
        try (Inbox inbox = Inbox.messages(to, FromMatchesFilter.createFull(from.getUser()))) {
            for (int i = 0; i < COUNT; i++) {
                Chat.send(from, address, run + "#" + i);
            }
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                Message message = inbox.nextMessage("message " + i + " of " + COUNT + " (got "
                        + bodies.size() + ")");
                bodies.add(message.getBody());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                expected.add(run + "#" + i);
            }
            assertEquals(expected, bodies, "every message once, in the order sent");
            assertTrue(inbox.drain().isEmpty(), "no duplicates after the last message");
        }
    }
}
