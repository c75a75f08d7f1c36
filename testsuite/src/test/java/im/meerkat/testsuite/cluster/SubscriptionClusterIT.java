package im.meerkat.testsuite.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * show the pushes arrived. The current presence a node sends of a resource that another node
 * holds, after an approval, at initial presence (§4.2.3) or for a probe (§4.3.2), is the whole
 * presence that resource sent, as on one node; raw clients show exactly what arrives.
 */
class SubscriptionClusterIT {

    /** Longer than one reply timeout: the cluster runs on a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CLIENT = "jabber:client";
    private static final String CAPS = "http://jabber.org/protocol/caps";
    private static final String AVATAR = "vcard-temp:x:update";
    private static final String CAPS_VER = "QgayPKawpkPSDYmwT/WM94uAlu0=";
    private static final String PHOTO = "01b87fcd030b72895ff8e88db57ec525450f000d";

    @RegisterExtension
    static final ClusterNodes cluster = ClusterNodes.ofThree();

    @RegisterExtension
    final Clients first = cluster.clients(0);
    @RegisterExtension
    final Clients second = cluster.clients(1);
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

    @Test
    void theWholePresenceOfAResourceOnAnotherNodeReachesContacts() throws Exception {
        // RFC 6121 §3.1.5, §4.2.3, §4.3.2: the contact's current presence, as on one node
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        String aliceBare = alice.bare();
        String bobBare = bob.bare();
        try (RawXmppClient desk = RawXmppClient.connect(first.node().config().c2sPort());
                RawXmppClient phone = RawXmppClient.connect(second.node().config().c2sPort());
                RawXmppClient two = RawXmppClient.connect(third.node().config().c2sPort())) {
            String deskJid = login(desk, first, alice, "desk");
            login(phone, second, alice, "phone");
            String twoJid = login(two, third, bob, "two");
            desk.send("<presence><show>away</show><status>text</status>"
                    + "<c xmlns='" + CAPS + "' hash='sha-1' node='urn:example:meerkat-test'"
                    + " ver='" + CAPS_VER + "'/>"
                    + "<x xmlns='" + AVATAR + "'><photo>" + PHOTO + "</photo></x></presence>");
            awaitPresences(desk, deskJid, 1); // its own: the table has it now
            two.send("<presence/>");
            awaitPresences(two, twoJid, 1);

            // §3.1.5: bob on the third node asks, alice approves on the second; her desk's
            // presence is on the first
            two.send("<presence type='subscribe' to='" + aliceBare + "'/>");
            desk.await(s -> s.find(e -> e.name().equals("presence")
                    && "subscribe".equals(e.attribute("type"))).isPresent(), WAIT);
            phone.send("<presence type='subscribed' to='" + bobBare + "'/>");
            XmlNode approved = awaitPresences(two, deskJid, 1).get(0);
            assertWhole(approved);
            assertTrue(List.of(bobBare, twoJid).contains(approved.attribute("to")),
                    approved::toString);

            // §4.2.3: bob's initial presence on the third node, then a probe (§4.3.2)
            try (RawXmppClient three = RawXmppClient.connect(third.node().config().c2sPort())) {
                String threeJid = login(three, third, bob, "three");
                three.send("<presence/>");
                XmlNode initial = awaitPresences(three, deskJid, 1).get(0);
                assertWhole(initial);
                assertEquals(threeJid, initial.attribute("to"));
                three.send("<presence type='probe' to='" + aliceBare + "'/>");
                XmlNode probed = awaitPresences(three, deskJid, 2).get(1);
                assertWhole(probed);
                assertEquals(threeJid, probed.attribute("to"));
            }
        }
    }

    private static String login(RawXmppClient raw, Clients clients, Account account,
            String resource) throws Exception {
        return raw.login(clients.node().domain(), clients.node().tls().sslContext(),
                account.user(), account.password(), resource);
    }

    /** Waits for {@code count} available presences from {@code from}, and returns them. */
    private static List<XmlNode> awaitPresences(RawXmppClient raw, String from, int count)
            throws Exception {
        List<XmlNode> found = presencesFrom(raw.await(s -> presencesFrom(s, from).size() >= count,
                WAIT), from);
        assertTrue(found.size() >= count, () -> count + " presences from " + from + " expected: "
                + raw.text());
        return found;
    }

    private static List<XmlNode> presencesFrom(ReceivedStream s, String from) {
        return s.elements().stream().filter(e -> e.is(CLIENT, "presence")
                && e.attribute("type") == null && from.equals(e.attribute("from"))).toList();
    }

    /** Exactly what the desk sent: show, status, caps and avatar hash, in that order. */
    private static void assertWhole(XmlNode presence) {
        assertEquals(List.of(CLIENT + " show", CLIENT + " status", CAPS + " c", AVATAR + " x"),
                presence.children().stream().map(c -> c.namespace() + " " + c.name()).toList(),
                presence::toString);
        assertEquals("away", presence.child(CLIENT, "show").orElseThrow().text());
        assertEquals("text", presence.child(CLIENT, "status").orElseThrow().text());
        XmlNode caps = presence.child(CAPS, "c").orElseThrow();
        assertEquals(Map.of("hash", "sha-1", "node", "urn:example:meerkat-test", "ver", CAPS_VER),
                caps.attributes());
        assertEquals(PHOTO, presence.child(AVATAR, "x").flatMap(x -> x.child(AVATAR, "photo"))
                .orElseThrow().text());
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
