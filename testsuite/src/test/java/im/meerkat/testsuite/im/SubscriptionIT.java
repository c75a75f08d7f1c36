package im.meerkat.testsuite.im;

import static im.meerkat.testsuite.im.RosterIT.loaded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.RawXmppClient;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Presence subscriptions and presence to contacts (RFC 6121 §3, §4) between two Smack clients:
 * the handshake both ways, presence that follows it, and the unavailable presence contacts
 * receive when a client leaves, cleanly or by dropping its TCP connection.
 */
class SubscriptionIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    /** alice and bob online, available, subscribed to each other through the handshake. */
    private XMPPTCPConnection[] subscribed(Account alice, Account bob) throws Exception {
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection b = clients.connect(bob, "phone");
        Roster ra = loaded(a);
        Roster rb = loaded(b);
        SubscribeListener approve = (from, presence) ->
                SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired;
        ra.addSubscribeListener(approve);
        rb.addSubscribeListener(approve);
        Chat.available(a, 0);
        Chat.available(b, 0);

        ra.createItemAndRequestSubscription(bob.jid(), "Bob", null);
        Await.until("both at alice", () -> ra.getEntry(bob.jid()) != null
                && ra.getEntry(bob.jid()).getType() == ItemType.both, ra::getEntries);
        Await.until("both at bob", () -> rb.getEntry(alice.jid()) != null
                && rb.getEntry(alice.jid()).getType() == ItemType.both, rb::getEntries);
        return new XMPPTCPConnection[] {a, b};
    }

    @Test
    void aHandshakeBothWaysMakesEachSeeTheOther() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection[] ab = subscribed(alice, bob);
        Roster ra = Roster.getInstanceFor(ab[0]);
        Roster rb = Roster.getInstanceFor(ab[1]);
        assertFalse(ra.getEntry(bob.jid()).isSubscriptionPending());
        // §3.1.5: presence follows the approval
        Await.until("bob available at alice", () -> ra.getPresence(bob.jid()).isAvailable(),
                () -> ra.getPresence(bob.jid()));
        Await.until("alice available at bob", () -> rb.getPresence(alice.jid()).isAvailable(),
                () -> rb.getPresence(alice.jid()));
        // §4.4: updates reach the contact
        Chat.sendStanza(ab[1], ab[1].getStanzaFactory().buildPresenceStanza()
                .setMode(Presence.Mode.away).setStatus("lunch").build());
        Await.until("bob away at alice",
                () -> "lunch".equals(ra.getPresence(bob.jid()).getStatus()),
                () -> ra.getPresence(bob.jid()));
    }

    @Test
    void aLaterLoginLearnsItsContactsPresenceAndTellsThem() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection[] ab = subscribed(alice, bob);
        ab[0].disconnect();
        // §4.3: a new session's initial presence probes bob, who is online
        XMPPTCPConnection again = clients.connect(alice, "laptop");
        Roster ra = loaded(again);
        try (Inbox atBob = Inbox.presences(ab[1], FromMatchesFilter.createFull(again.getUser()))) {
            Chat.available(again, 0);
            Await.until("bob's presence after the probe",
                    () -> ra.getPresence(bob.jid()).isAvailable(), () -> ra.getPresence(bob.jid()));
            assertEquals(Presence.Type.available,
                    atBob.nextPresence("alice's initial presence at bob").getType()); // §4.2.2
        }
    }

    @Test
    void contactsReceiveUnavailableWhenAClientLeavesOrItsConnectionDrops() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection[] ab = subscribed(alice, bob);
        try (Inbox atBob = Inbox.presences(ab[1], FromMatchesFilter.createFull(ab[0].getUser()))) {
            ab[0].disconnect(); // </stream>, after Smack's unavailable presence
            // an available presence of the handshake (§3.1.5) may still be on its way to bob
            Presence next = atBob.nextPresence("alice's unavailable presence");
            if (next.getType() == Presence.Type.available) {
                next = atBob.nextPresence("alice's unavailable presence after her available one");
            }
            assertEquals(Presence.Type.unavailable, next.getType());
        }
        // a client that vanishes without closing its stream (RFC 6121 §4.5.2)
        try (RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort())) {
            String full = raw.login(clients.node().domain(), clients.node().tls().sslContext(),
                    alice.user(), alice.password(), "raw");
            try (Inbox atBob = Inbox.presences(ab[1],
                    FromMatchesFilter.createFull(JidCreate.fullFrom(full)))) {
                raw.send("<presence/>");
                assertEquals(Presence.Type.available,
                        atBob.nextPresence("the raw client's presence").getType());
                raw.close();
                assertEquals(Presence.Type.unavailable,
                        atBob.nextPresence("unavailable after the TCP close").getType());
            }
        }
    }

    @Test
    void unsubscribingStopsPresenceAndShowsInBothRosters() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection[] ab = subscribed(alice, bob);
        Roster ra = Roster.getInstanceFor(ab[0]);
        Roster rb = Roster.getInstanceFor(ab[1]);
        BareJid bobJid = bob.jid();
        // §3.3: alice unsubscribes from bob's presence
        Chat.sendStanza(ab[0], ab[0].getStanzaFactory().buildPresenceStanza().to(bobJid)
                .ofType(Presence.Type.unsubscribe).build());
        Await.until("from at alice", () -> ra.getEntry(bobJid).getType() == ItemType.from,
                ra::getEntries);
        Await.until("to at bob", () -> rb.getEntry(alice.jid()).getType() == ItemType.to,
                rb::getEntries);
        // §3.3.3: alice no longer sees bob
        Await.until("bob unavailable at alice", () -> !ra.getPresence(bobJid).isAvailable(),
                () -> ra.getPresence(bobJid));
        // §2.5.2: bob removes alice: both directions end
        rb.removeEntry(rb.getEntry(alice.jid()));
        Await.until("alice's item for bob ends", () -> ra.getEntry(bobJid) == null
                || ra.getEntry(bobJid).getType() == ItemType.none, ra::getEntries);
    }
}
