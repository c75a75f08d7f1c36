package im.meerkat.testsuite.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.util.List;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message carbons (XEP-0280) and block lists (XEP-0191) across the three nodes of a cluster:
 * the carbons flag travels in the replicated session table, so a node copies a message to a
 * resource held by another node; a block made on one node takes effect at once on the node
 * that routes the blocked contact's stanzas (the replicated block list cache).
 */
class CarbonsAndBlockingClusterIT {

    @RegisterExtension
    static final ClusterNodes cluster = ClusterNodes.ofThree();

    @RegisterExtension
    final Clients first = cluster.clients(0);
    @RegisterExtension
    final Clients second = cluster.clients(1);
    @RegisterExtension
    final Clients third = cluster.clients(2);

    @Test
    void aMessageIsCopiedToACarbonsResourceOnAnotherNode() throws Exception { // XEP-0280 §7, §8
        Account alice = first.newAccount("alice");
        XMPPTCPConnection phone = first.connect(alice, "phone");
        XMPPTCPConnection desk = third.connect(alice, "desk");
        XMPPTCPConnection bob = second.connect(first.newAccount("bob"), "home");
        for (XMPPTCPConnection c : List.of(phone, desk, bob)) {
            Chat.available(c, 0);
        }
        CarbonManager.getInstanceFor(desk).enableCarbons();

        try (Inbox atDesk = Inbox.messages(desk); Inbox atPhone = Inbox.messages(phone)) {
            Chat.send(bob, phone.getUser(), "from node 2 to node 1");
            assertEquals("from node 2 to node 1", atPhone.nextMessage("the message").getBody());
            Message copy = atDesk.nextMessage("the received copy on node 3");
            CarbonExtension carbon = CarbonExtension.from(copy);
            assertNotNull(carbon, () -> copy.toXML().toString());
            assertEquals(CarbonExtension.Direction.received, carbon.getDirection());
            assertEquals("from node 2 to node 1",
                    carbon.getForwarded().getForwardedStanza().getBody());

            Chat.send(phone, bob.getUser(), "from node 1");
            Message sent = atDesk.nextMessage("the sent copy on node 3");
            assertEquals(CarbonExtension.Direction.sent, CarbonExtension.from(sent).getDirection());
        }
    }

    @Test
    void aBlockMadeOnOneNodeAppliesOnTheOthers() throws Exception { // XEP-0191 §4.3, §4.4
        Account alice = first.newAccount("alice");
        XMPPTCPConnection a = first.connect(alice, "one");
        XMPPTCPConnection b = second.connect(first.newAccount("bob"), "two");
        Chat.available(a, 0);
        Chat.available(b, 0);
        Chat.assertChatting(a, b); // node 2 has read alice's (empty) list: it is cached there

        BlockingCommandManager.getInstanceFor(a).blockContacts(List.of(b.getUser().asBareJid()));
        try (Inbox atB = Inbox.messages(b, FromMatchesFilter.createBare(alice.jid()))) {
            Chat.send(b, a.getUser(), "blocked");
            Message error = atB.nextMessage("the error from node 2");
            assertEquals(Message.Type.error, error.getType(), () -> error.toXML().toString());
            assertEquals(StanzaError.Condition.service_unavailable,
                    error.getError().getCondition());
        }
        BlockingCommandManager.getInstanceFor(a).unblockContacts(List.of(b.getUser().asBareJid()));
        Chat.assertChatting(a, b);
    }
}
