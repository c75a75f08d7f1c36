package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/**
 * Blocking Command (XEP-0191) with Smack's {@link BlockingCommandManager}: nothing from a
 * blocked contact reaches the user, the user's stanzas to it are refused with the blocked error,
 * pushes reach the user's other resource, unblocking restores delivery and presence, and bad
 * requests change nothing.
 */
class BlockingIT {

    private static final String CLIENT = "jabber:client";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final String BLOCKING = "urn:xmpp:blocking";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private XMPPTCPConnection online(Account account, String resource) {
        XMPPTCPConnection c = clients.connect(account, resource);
        Chat.available(c, 0);
        return c;
    }

    private static BlockingCommandManager blocking(XMPPTCPConnection c) {
        return BlockingCommandManager.getInstanceFor(c);
    }

    private static Message errorFrom(Inbox inbox, String what) {
        Message m = inbox.nextMessage(what);
        assertEquals(Message.Type.error, m.getType(), () -> m.toXML().toString());
        return m;
    }

    @Test
    void theServerAnnouncesBlocking() throws Exception { // XEP-0191 §4.1
        XMPPTCPConnection c = clients.connect(clients.newAccount("alice"), "desk");
        assertTrue(blocking(c).isSupportedByServer());
    }

    @Test
    void aBlockedContactsMessagesAreRefusedAndNotStored() throws Exception { // §4.3
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection desk = online(alice, "desk");
        XMPPTCPConnection bob = online(clients.newAccount("bob"), "home");
        XMPPTCPConnection carol = online(clients.newAccount("carol"), "home");
        blocking(desk).blockContacts(List.of(bob.getUser().asBareJid()));

        try (Inbox atDesk = Inbox.messages(desk); Inbox atBob = Inbox.messages(bob)) {
            Chat.sendStanza(bob, Chat.message(bob, desk.getUser(), Message.Type.chat, "hi"));
            Message error = errorFrom(atBob, "the error for the blocked message");
            assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
            Chat.send(carol, desk.getUser(), "marker");
            assertEquals("marker", atDesk.nextMessage("carol's marker").getBody(),
                    "bob's message never arrived");
        }
        desk.disconnect();
        // §4.3: not stored offline either; carol's message after it is
        try (Inbox atBob = Inbox.messages(bob)) {
            Chat.sendStanza(bob, Chat.message(bob, alice.jid(), Message.Type.chat, "later"));
            assertEquals(StanzaError.Condition.service_unavailable,
                    errorFrom(atBob, "the error while offline").getError().getCondition());
        }
        Chat.send(carol, alice.jid(), "stored");
        XMPPTCPConnection again = clients.connect(alice, "laptop");
        try (Inbox atLaptop = Inbox.messages(again)) {
            Chat.available(again, 0);
            assertEquals("stored", atLaptop.nextMessage("the stored message").getBody());
        }
    }

    @Test
    void theUsersMessagesToABlockedContactAreRefused() throws Exception { // §4.3
        XMPPTCPConnection desk = online(clients.newAccount("alice"), "desk");
        XMPPTCPConnection bob = online(clients.newAccount("bob"), "home");
        blocking(desk).blockContacts(List.of(bob.getUser().asBareJid()));
        try (Inbox atDesk = Inbox.messages(desk);
                Inbox atBob = Inbox.messages(bob, FromMatchesFilter.createBare(desk.getUser()))) {
            Chat.send(desk, bob.getUser(), "can you hear me?");
            StanzaError error = errorFrom(atDesk, "the blocked error").getError();
            assertEquals(StanzaError.Condition.not_acceptable, error.getCondition());
            assertNotNull(error.getExtension("blocked", "urn:xmpp:blocking:errors"),
                    error.toXML().toString());
            assertEquals(List.of(), atBob.drain());
        }
    }

    @Test
    void blockAndUnblockArePushedToTheOtherResource() throws Exception { // §4.3, §4.4, §4.5
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection phone = online(alice, "phone");
        XMPPTCPConnection desk = online(alice, "desk");
        Jid bob = clients.newAccount("bob").jid();
        Jid carol = clients.newAccount("carol").jid();
        assertEquals(List.of(), blocking(desk).getBlockList()); // the desk asks for the list
        List<Jid> blocked = new CopyOnWriteArrayList<>();
        List<Jid> unblocked = new CopyOnWriteArrayList<>();
        List<Boolean> allUnblocked = new CopyOnWriteArrayList<>();
        blocking(desk).addJidsBlockedListener(blocked::addAll);
        blocking(desk).addJidsUnblockedListener(unblocked::addAll);
        blocking(desk).addAllJidsUnblockedListener(() -> allUnblocked.add(true));

        blocking(phone).blockContacts(List.of(bob, carol));
        Await.until("the block push at the desk", () -> blocked.size() == 2, () -> blocked);
        assertTrue(blocked.containsAll(List.of(bob, carol)), blocked::toString);
        blocking(phone).unblockContacts(List.of(bob));
        Await.until("the unblock push at the desk", () -> unblocked.equals(List.of(bob)),
                () -> unblocked);
        assertEquals(List.of(carol), blocking(phone).getBlockList());
        blocking(phone).unblockAll();
        Await.until("the unblock-all push at the desk", () -> !allUnblocked.isEmpty(),
                () -> allUnblocked);
        assertEquals(List.of(), blocking(desk).getBlockList());
    }

    private static Roster loaded(XMPPTCPConnection c) throws Exception {
        Roster roster = Roster.getInstanceFor(c);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        if (!roster.isLoaded()) {
            roster.reloadAndWait();
        }
        return roster;
    }

    @Test
    void unblockingRestoresDeliveryAndPresence() throws Exception { // §4.3, §4.4
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
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
        Await.until("alice available at bob", () -> rb.getEntry(alice.jid()) != null
                && rb.getEntry(alice.jid()).getType() == ItemType.both
                && rb.getPresence(alice.jid()).isAvailable(), () -> rb.getPresence(alice.jid()));
        Await.until("bob available at alice", () -> ra.getPresence(bob.jid()).isAvailable(),
                () -> ra.getPresence(bob.jid()));

        blocking(a).blockContacts(List.of(bob.jid()));
        // §4.3: the blocked contact receives unavailable presence from the user
        Await.until("alice unavailable at bob", () -> !rb.getPresence(alice.jid()).isAvailable(),
                () -> rb.getPresence(alice.jid()));
        Chat.sendStanza(b, b.getStanzaFactory().buildPresenceStanza()
                .setMode(Presence.Mode.away).setStatus("lunch").build());

        blocking(a).unblockContacts(List.of(bob.jid()));
        // §4.4: the contact receives the user's current presence; the user learns the contact's
        Await.until("alice available at bob again", () -> rb.getPresence(alice.jid()).isAvailable(),
                () -> rb.getPresence(alice.jid()));
        Await.until("bob's current presence at alice",
                () -> "lunch".equals(ra.getPresence(bob.jid()).getStatus()),
                () -> ra.getPresence(bob.jid()));
        Chat.assertChatting(a, b);
    }

    private static java.util.function.Predicate<XmlNode> iq(String id) {
        return n -> n.is(CLIENT, "iq") && id.equals(n.attribute("id"));
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() throws Exception { // §4.3
        Account alice = clients.newAccount("alice");
        try (RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort())) {
            raw.login(clients.node().domain(), clients.node().tls().sslContext(), alice.user(),
                    alice.password(), "raw");
            raw.send("<iq type='set' id='b1'><block xmlns='urn:xmpp:blocking'>"
                    + "<item jid='a@b@c'/></block></iq>");
            raw.send("<iq type='set' id='b2'><block xmlns='urn:xmpp:blocking'>"
                    + "<item jid='romeo@example.net'/><item jid=''/></block></iq>");
            raw.send("<iq type='set' id='b3'><block xmlns='urn:xmpp:blocking'/></iq>");
            raw.send("<iq type='set' id='b4'><unblock xmlns='urn:xmpp:blocking'>"
                    + "<item jid='x@@y'/></unblock></iq>");
            raw.send("<iq type='get' id='list'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
            ReceivedStream stream = raw.await(s -> s.find(iq("list")).isPresent(),
                    Duration.ofSeconds(10));
            for (String id : List.of("b1", "b2", "b4")) {
                XmlNode error = stream.find(iq(id)).orElseThrow();
                assertEquals("error", error.attribute("type"), error::toString);
                assertEquals("jid-malformed", error.child(CLIENT, "error").orElseThrow()
                        .condition(STANZAS).orElseThrow(), error::toString);
            }
            XmlNode empty = stream.find(iq("b3")).orElseThrow();
            assertEquals("bad-request", empty.child(CLIENT, "error").orElseThrow()
                    .condition(STANZAS).orElseThrow(), empty::toString);
            XmlNode list = stream.find(iq("list")).orElseThrow();
            assertEquals("result", list.attribute("type"), list::toString);
            assertEquals(List.of(), list.child(BLOCKING, "blocklist").orElseThrow().children(),
                    "nothing was blocked");
        }
    }
}
