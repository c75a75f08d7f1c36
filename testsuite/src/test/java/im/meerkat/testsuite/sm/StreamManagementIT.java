package im.meerkat.testsuite.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityFullJid;

/**
 * XEP-0198 with Smack's stream management: a client whose TCP connection drops resumes its
 * session and loses nothing (§5), and a session whose resumption time runs out ends like any
 * other, its unacknowledged messages kept in offline storage.
 */
class StreamManagementIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    /** alice (stream management, resource phone) and bob (desk), subscribed both ways, available. */
    private XMPPTCPConnection[] contacts(Account alice, Account bob, int preferredResumption) throws Exception {
        XMPPTCPConnection phone = clients.login(alice).resource("phone").streamManagement(true).connectWithoutLogin();
        if (preferredResumption > 0) {
            phone.setPreferredResumptionTime(preferredResumption);
        }
        phone.login();
        XMPPTCPConnection desk = clients.connect(bob, "desk");
        Roster ra = loaded(phone);
        Roster rb = loaded(desk);
        SubscribeListener approve = (from, presence) -> SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired;
        ra.addSubscribeListener(approve);
        rb.addSubscribeListener(approve);
        Chat.available(phone, 0);
        Chat.available(desk, 0);
        ra.createItemAndRequestSubscription(bob.jid(), "Bob", null);
        Await.until("both at alice", () -> ra.getEntry(bob.jid()) != null
                && ra.getEntry(bob.jid()).getType() == ItemType.both, ra::getEntries);
        Await.until("both at bob", () -> rb.getEntry(alice.jid()) != null
                && rb.getEntry(alice.jid()).getType() == ItemType.both, rb::getEntries);
        Await.until("alice available at bob", () -> rb.getPresence(alice.jid()).isAvailable(),
                () -> rb.getPresence(alice.jid()));
        assertTrue(phone.isSmEnabled(), "stream management enabled (§3)");
        return new XMPPTCPConnection[] {phone, desk};
    }

    private static Roster loaded(XMPPTCPConnection connection) throws Exception {
        Roster roster = Roster.getInstanceFor(connection);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        if (!roster.isLoaded()) {
            roster.reloadAndWait();
        }
        return roster;
    }

    /** A round trip to the server: everything the connection sent before has been routed. */
    private static void roundTrip(XMPPTCPConnection connection) throws Exception {
        connection.sendIqRequestAndWaitForResponse(new Ping(connection.getXMPPServiceDomain()));
    }

    @Test
    void section5ResumptionAfterADroppedConnectionLosesNoMessageAndContactsSeeNoUnavailable() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection[] ab = contacts(alice, bob, 0);
        XMPPTCPConnection phone = ab[0];
        XMPPTCPConnection desk = ab[1];
        EntityFullJid phoneJid = phone.getUser();
        // A listener, unlike a collector, stays with the connection object across the resumption.
        List<String> atPhone = new CopyOnWriteArrayList<>();
        phone.addSyncStanzaListener(s -> atPhone.add(((Message) s).getBody()),
                new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createFull(desk.getUser())));
        try (Inbox atDesk = Inbox.presences(desk, FromMatchesFilter.createFull(phoneJid))) {
            Chat.send(desk, phoneJid, "before");
            Await.until("a message before the drop", () -> atPhone.size() == 1, () -> atPhone);

            phone.instantShutdown(); // the socket closes without </stream>
            List<String> expected = new ArrayList<>(List.of("before"));
            for (int i = 1; i <= 7; i++) {
                Chat.send(desk, phoneJid, "while away " + i);
                expected.add("while away " + i);
            }
            roundTrip(desk);

            phone.connect();
            phone.login();
            assertTrue(phone.streamWasResumed(), "the session was resumed (§5)");
            assertEquals(phoneJid, phone.getUser(), "same full JID");
            Chat.send(desk, phoneJid, "after");
            expected.add("after");
            Await.until("every message, in order, after the resumption", () -> atPhone.size() >= expected.size(),
                    () -> atPhone);
            assertEquals(expected, atPhone, "no message lost or repeated");
            Chat.send(phone, desk.getUser(), "from the resumed stream");
            roundTrip(desk);
            for (Stanza s : atDesk.drain()) {
                assertTrue(((Presence) s).isAvailable(), "no unavailable presence during a resumption: " + s.toXML());
            }
            phone.disconnect();
            assertEquals(Presence.Type.unavailable, atDesk.nextPresence("unavailable at the clean close").getType());
        }
    }

    @Test
    void section5ExpiredResumptionEndsTheSessionAndUnacknowledgedMessagesWaitOffline() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection[] ab = contacts(alice, bob, 2);
        XMPPTCPConnection phone = ab[0];
        XMPPTCPConnection desk = ab[1];
        assertEquals(2, phone.getMaxSmResumptionTime(), "the client's max is below the server's (§3)");
        EntityFullJid phoneJid = phone.getUser();
        try (Inbox atDesk = Inbox.presences(desk, FromMatchesFilter.createFull(phoneJid))) {
            phone.instantShutdown();
            for (int i = 1; i <= 3; i++) {
                Chat.send(desk, phoneJid, "queued " + i);
            }
            roundTrip(desk);
            assertEquals(Presence.Type.unavailable,
                    atDesk.<Presence>next("unavailable once the resumption time is over", Duration.ofSeconds(60))
                            .getType());
        }
        XMPPTCPConnection laptop = clients.connect(alice, "laptop");
        try (Inbox atLaptop = Inbox.messages(laptop)) {
            Chat.available(laptop, 0);
            List<String> bodies = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Message m = atLaptop.nextMessage("stored message " + i);
                bodies.add(m.getBody());
                DelayInformation delay = DelayInformation.from(m);
                assertNotNull(delay, "a delay stamp (XEP-0203): " + m.toXML());
            }
            // A message routed after the expiry goes to storage directly and may overtake those the
            // expiry stores, so only the set is certain on a slow machine.
            assertEquals(List.of("queued 1", "queued 2", "queued 3"), bodies.stream().sorted().toList(),
                    "every message from offline storage, once");
        }
    }
}
