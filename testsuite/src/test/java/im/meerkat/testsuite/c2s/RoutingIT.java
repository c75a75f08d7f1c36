package im.meerkat.testsuite.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Where the server delivers stanzas addressed to a user (RFC 6121 §8.5): a bare JID goes to the
 * available resource of highest non-negative priority (Meerkat follows option (a) of §8.5.2.1.1:
 * the "most available" resource, by priority), never to a resource of negative priority; a
 * message to a user with no session and an IQ to a resource that does not exist come back as
 * {@code <service-unavailable/>}.
 *
 * <p>A stanza that must not arrive is checked with a marker: the same sender then sends a second
 * message straight to that resource's full JID. The server handles one client's stanzas in order
 * (RFC 6120 §10.1), so had the first reached the resource, it would have come before the marker.
 */
class RoutingIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void bareJidMessageGoesToTheHighestPriority() {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection low = clients.connect(bob, "low");
        XMPPTCPConnection high = clients.connect(bob, "high");
        Chat.available(low, 1);
        Chat.available(high, 5);
        settle(a, low, high);

        try (Inbox atLow = Inbox.messages(low, FromMatchesFilter.createFull(a.getUser()));
                Inbox atHigh = Inbox.messages(high, FromMatchesFilter.createFull(a.getUser()))) {
            Chat.send(a, bob.jid(), "to the bare JID");
            assertEquals("to the bare JID", atHigh.nextMessage("the message at priority 5")
                    .getBody());
            assertNotDelivered(a, low, atLow, "priority 1 while priority 5 is online");
        }
    }

    @Test
    void equalPrioritiesEachMessageDeliveredOncePerResource() {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection one = clients.connect(bob, "one");
        XMPPTCPConnection two = clients.connect(bob, "two");
        Chat.available(one, 2);
        Chat.available(two, 2);
        settle(a, one, two);

        try (Inbox atOne = Inbox.messages(one, FromMatchesFilter.createFull(a.getUser()));
                Inbox atTwo = Inbox.messages(two, FromMatchesFilter.createFull(a.getUser()))) {
            for (int i = 0; i < 10; i++) {
                Chat.send(a, bob.jid(), "equal " + i);
            }
            Chat.send(a, one.getUser(), "end");
            Chat.send(a, two.getUser(), "end");
            List<String> atFirst = bodiesUntilEnd(atOne);
            List<String> atSecond = bodiesUntilEnd(atTwo);
            // §8.5.2.1.1: each goes to one or to all of them, but reaches the user, once each.
            for (int i = 0; i < 10; i++) {
                String body = "equal " + i;
                assertTrue(atFirst.contains(body) || atSecond.contains(body),
                        body + " reached neither resource: " + atFirst + " / " + atSecond);
            }
            assertEquals(new HashSet<>(atFirst).size(), atFirst.size(), "duplicates: " + atFirst);
            assertEquals(new HashSet<>(atSecond).size(), atSecond.size(),
                    "duplicates: " + atSecond);
        }
    }

    @Test
    void negativePriorityGetsNothingAddressedToTheBareJid() {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection negative = clients.connect(bob, "negative");
        XMPPTCPConnection zero = clients.connect(bob, "zero");
        Chat.available(negative, -1);
        Chat.available(zero, 0);
        settle(a, negative, zero);

        try (Inbox atNegative = Inbox.messages(negative, FromMatchesFilter.createFull(a.getUser()));
                Inbox atZero = Inbox.messages(zero, FromMatchesFilter.createFull(a.getUser()))) {
            Chat.send(a, bob.jid(), "not for negative");
            assertEquals("not for negative", atZero.nextMessage("the message at priority 0")
                    .getBody());
            assertNotDelivered(a, negative, atNegative, "priority -1 (RFC 6121 §8.5.2.1.1)");
        }
    }

    @Test
    void onlyANegativePriorityResourceGetsNothingOnTheBareJid() {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection negative = clients.connect(bob, "negative");
        Chat.available(negative, -5);
        settle(a, negative);

        try (Inbox atNegative = Inbox.messages(negative, FromMatchesFilter.createFull(a.getUser()))) {
            Chat.send(a, bob.jid(), "not for negative");
            assertNotDelivered(a, negative, atNegative, "the only resource, priority -5");
        }
    }

    @Test
    void messageToAnUnknownUserIsServiceUnavailable() throws Exception {
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        org.jxmpp.jid.EntityBareJid nobody = JidCreate.entityBareFrom(
                im.meerkat.testsuite.harness.Names.unique("nobody") + "@" + alice.domain());

        try (Inbox errors = Inbox.messages(a, FromMatchesFilter.createBare(nobody))) {
            Chat.send(a, nobody, "anyone there?");
            Message error = errors.nextMessage("an error for the message to " + nobody);
            // RFC 6121 §8.5.2.2.1: no such account: an error, <service-unavailable/>. A user
            // without a session has offline storage (see im.OfflineMessagesIT).
            assertEquals(Message.Type.error, error.getType(), error.toXML().toString());
            assertEquals(StanzaError.Condition.service_unavailable,
                    error.getError().getCondition());
        }
    }

    @Test
    void iqToAnUnknownResourceIsServiceUnavailable() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        clients.connect(bob, "phone");

        Ping ping = new Ping(JidCreate.entityFullFrom(bob.bare() + "/nosuchresource"));
        XMPPErrorException error = assertThrows(XMPPErrorException.class,
                () -> a.sendIqRequestAndWaitForResponse(ping));
        // RFC 6121 §8.5.3.2.1: no resource matches the full JID: <service-unavailable/>.
        assertEquals(StanzaError.Condition.service_unavailable,
                error.getStanzaError().getCondition());
    }

    /**
     * Waits until the presences just sent have been processed: the server handles each
     * client's stanzas in order, so an answered ping from each proves its presence came first.
     */
    private static void settle(XMPPTCPConnection... connections) {
        for (XMPPTCPConnection connection : connections) {
            try {
                Stanza pong = connection.sendIqRequestAndWaitForResponse(
                        new Ping(connection.getXMPPServiceDomain()));
                assertNotNull(pong);
            } catch (Exception e) {
                throw new AssertionError("ping of the server failed for " + connection.getUser(), e);
            }
        }
    }

    private static void assertNotDelivered(XMPPTCPConnection sender, XMPPTCPConnection target,
            Inbox inbox, String what) {
        String marker = "marker " + System.nanoTime();
        Chat.send(sender, target.getUser(), marker);
        Message first = inbox.nextMessage("the marker sent to " + target.getUser());
        assertEquals(marker, first.getBody(), "a message to the bare JID reached " + what);
    }

    private static List<String> bodiesUntilEnd(Inbox inbox) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            String body = inbox.nextMessage("the end marker").getBody();
            if ("end".equals(body)) {
                return bodies;
            }
            bodies.add(body);
        }
    }
}
