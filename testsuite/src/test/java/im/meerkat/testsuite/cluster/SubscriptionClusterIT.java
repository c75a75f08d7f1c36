package im.meerkat.testsuite.cluster;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import java.time.Duration;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence subscriptions (RFC 6121 §3) between users on the first and the third node of a
 * cluster of three: the subscription stanzas, the roster pushes (§2.1.6) they cause and the
 * presence that follows an approval (§3.1.5) reach the resources another node holds as they reach
 * those of one node. A Smack roster changes only through pushes once loaded, so its item types
 * show the pushes arrived.
 */
class SubscriptionClusterIT {

    /** Longer than one reply timeout: the cluster runs on a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ClusterNodes cluster = ClusterNodes.ofThree();

    @RegisterExtension
    final Clients first = cluster.clients(0);
    @RegisterExtension
    final Clients third = cluster.clients(2);

    @Test
    void mutualSubscriptionAcrossNodes() throws Exception { // RFC 6121 §3.1, §3.1.5, §4.2.2
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        XMPPTCPConnection a = first.connect(alice, "one");
        XMPPTCPConnection b = third.connect(bob, "two");
        Roster ra = loaded(a);
        Roster rb = loaded(b);
        rb.addSubscribeListener((from, presence) -> SubscribeListener.SubscribeAnswer.Approve);
        ra.addSubscribeListener((from, presence) -> SubscribeListener.SubscribeAnswer.Approve);
        Chat.available(a, 0);
        Chat.available(b, 0);

        // §3.1: alice asks, bob (node 3) approves
        ra.createItemAndRequestSubscription(bob.jid(), "Bob", null);
        awaitType(ra, bob, ItemType.to, "alice's roster: to bob");
        awaitType(rb, alice, ItemType.from, "bob's roster: from alice");
        awaitAvailable(ra, bob, "bob's presence at alice");

        // the reverse: bob asks, alice (node 1) approves
        rb.createItemAndRequestSubscription(alice.jid(), "Alice", null);
        awaitType(rb, alice, ItemType.both, "bob's roster: both");
        awaitType(ra, bob, ItemType.both, "alice's roster: both");
        awaitAvailable(rb, alice, "alice's presence at bob");
    }

    @Test
    void aRequestStoredForAnOfflineContactIsApprovedOnAnotherNode() throws Exception { // §3.1.3
        Account carol = first.newAccount("carol");
        Account dave = first.newAccount("dave");
        XMPPTCPConnection c = first.connect(carol, "one");
        Roster rc = loaded(c);
        Chat.available(c, 0);
        rc.createItemAndRequestSubscription(dave.jid(), "Dave", null);
        Await.until("carol's pending request", WAIT, () -> pendingOut(rc, dave), rc::getEntries);

        XMPPTCPConnection d = third.connect(dave, "two");
        Roster rd = loaded(d);
        rd.addSubscribeListener((from, presence) -> SubscribeListener.SubscribeAnswer.Approve);
        Chat.available(d, 0); // the stored request comes with initial presence

        awaitType(rc, dave, ItemType.to, "carol's roster: to dave");
        awaitType(rd, carol, ItemType.from, "dave's roster: from carol");
        awaitAvailable(rc, dave, "dave's presence at carol");
    }

    private static Roster loaded(XMPPTCPConnection connection) throws Exception {
        Roster roster = Roster.getInstanceFor(connection);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        roster.reloadAndWait();
        return roster;
    }

    private static void awaitType(Roster roster, Account contact, ItemType type, String what) {
        Await.until(what, WAIT, () -> {
            RosterEntry e = roster.getEntry(contact.jid());
            return e != null && e.getType() == type;
        }, roster::getEntries);
    }

    private static void awaitAvailable(Roster roster, Account contact, String what) {
        Await.until(what, WAIT, () -> roster.getPresence(contact.jid()).isAvailable(),
                () -> roster.getPresence(contact.jid()));
    }

    private static boolean pendingOut(Roster roster, Account contact) {
        RosterEntry e = roster.getEntry(contact.jid());
        return e != null && e.isSubscriptionPending();
    }
}
