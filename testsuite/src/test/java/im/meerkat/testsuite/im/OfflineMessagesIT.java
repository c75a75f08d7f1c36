package im.meerkat.testsuite.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Offline messages (XEP-0160): messages to a user without an available resource are kept and
 * arrive, in order and stamped (XEP-0203), after the user's initial presence, once.
 */
class OfflineMessagesIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private static List<org.jivesoftware.smack.packet.Stanza> drainAfter(Inbox inbox,
            Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        return inbox.drain();
    }

    @Test
    void messagesSentWhileAwayArriveAfterInitialPresenceInOrderWithDelay() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        Instant before = Instant.now().minusSeconds(2);
        for (int i = 1; i <= 5; i++) {
            Chat.sendStanza(a, Chat.message(a, bob.jid(), Message.Type.chat, "note " + i));
        }
        Chat.sendStanza(a, Chat.message(a, bob.jid(), Message.Type.normal, "note 6"));
        // a round trip: all six are stored before bob logs in, none still in flight
        a.sendIqRequestAndWaitForResponse(new Ping(a.getXMPPServiceDomain()));

        XMPPTCPConnection b = clients.connect(bob, "phone");
        try (Inbox inbox = Inbox.messages(b, FromMatchesFilter.createFull(a.getUser()))) {
            // not at bind: only after initial presence
            assertEquals(List.of(), drainAfter(inbox, Duration.ofMillis(500)));
            Chat.available(b, 0);
            for (int i = 1; i <= 6; i++) {
                Message m = inbox.nextMessage("stored message " + i);
                assertEquals("note " + i, m.getBody());
                DelayInformation delay = DelayInformation.from(m);
                assertNotNull(delay, () -> m.toXML().toString());
                assertEquals(clients.node().domain(), delay.getFrom());
                Instant stamp = delay.getStamp().toInstant();
                assertTrue(!stamp.isBefore(before) && !stamp.isAfter(Instant.now()),
                        stamp::toString);
            }
        }
        // delivered once: a new session finds nothing
        b.disconnect();
        XMPPTCPConnection again = clients.connect(bob, "tablet");
        try (Inbox inbox = Inbox.messages(again)) {
            Chat.available(again, 0);
            assertEquals(List.of(), drainAfter(inbox, Duration.ofSeconds(1)));
        }
    }
}
