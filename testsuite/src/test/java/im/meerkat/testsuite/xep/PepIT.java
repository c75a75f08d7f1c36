package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.geoloc.GeoLocationManager;
import org.jivesoftware.smackx.geoloc.packet.GeoLocation;
import org.jivesoftware.smackx.mood.Mood;
import org.jivesoftware.smackx.mood.MoodManager;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.usertune.UserTuneManager;
import org.jivesoftware.smackx.usertune.element.UserTuneElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PEP (XEP-0163) through Smack's managers for user tune (XEP-0118), mood (XEP-0107),
 * geolocation (XEP-0080) and avatars (XEP-0084): notifications to contacts and the owner's own
 * resources filtered by {@code +notify} in their entity capabilities (XEP-0115), the last item
 * on coming online, item retrieval and retraction. Errors with pubsub application conditions
 * are checked in raw XML ({@link PepOptionsIT}): Smack's parser, with assertions on as in the
 * suite, fails on them.
 */
class PepIT {

    private static final String TUNE = UserTuneElement.NAMESPACE;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    /** Logged in, announcing its capabilities (XEP-0115) in its available presence. */
    private XMPPTCPConnection online(Account account, String resource) {
        XMPPTCPConnection c = clients.connect(account, resource);
        EntityCapsManager.getInstanceFor(c);
        Roster.getInstanceFor(c).addSubscribeListener((from, presence) ->
                SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        Chat.available(c, 0);
        return c;
    }

    /** A presence subscription both ways (RFC 6121 §3) between two online users. */
    private static void befriend(XMPPTCPConnection a, XMPPTCPConnection b) throws Exception {
        Roster ra = Roster.getInstanceFor(a);
        Roster rb = Roster.getInstanceFor(b);
        ra.reloadAndWait();
        rb.reloadAndWait();
        ra.createItemAndRequestSubscription(b.getUser().asBareJid(), null, null);
        Await.until("a subscription both ways", () -> both(ra, b) && both(rb, a),
                () -> ra.getEntries() + " / " + rb.getEntries());
    }

    private static boolean both(Roster roster, XMPPTCPConnection other) {
        var entry = roster.getEntry(other.getUser().asBareJid());
        return entry != null && entry.getType() == ItemType.both;
    }

    private static UserTuneElement tune(String title) {
        return UserTuneElement.getBuilder().setTitle(title).setArtist("Meerkat").build();
    }

    /** Everything the server sent before the answer to this ping has reached the client. */
    private static void sync(XMPPTCPConnection c) throws Exception {
        assertTrue(PingManager.getInstanceFor(c).pingMyServer());
    }

    @Test
    void notificationsGoToInterestedContactsAndOwnResourcesOnly() throws Exception {
        // XEP-0163 §4.3 (presence subscription), §4.4 (+notify filter), §4.3.4 (last item)
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection a = online(alice, "desk");
        XMPPTCPConnection b = online(clients.newAccount("bob"), "laptop");
        XMPPTCPConnection c = online(clients.newAccount("carol"), "phone");
        befriend(a, b);
        befriend(a, c);
        MoodManager.getInstanceFor(a).setMood(Mood.happy);
        UserTuneManager.getInstanceFor(a).publishUserTune(tune("first"));

        List<String> atBob = new CopyOnWriteArrayList<>();
        UserTuneManager.getInstanceFor(b).addUserTuneListener((from, t, id, m) ->
                atBob.add(from + " " + t.getTitle()));
        Await.until("bob to get alice's last tune once interested",
                () -> atBob.contains(alice.bare() + " first"), () -> atBob);

        // carol is interested in moods but not in tunes
        List<Mood> atCarol = new CopyOnWriteArrayList<>();
        MoodManager.getInstanceFor(c).addMoodListener((from, mood, id, m) ->
                atCarol.add(mood.getMood()));
        Await.until("carol to get alice's last mood", () -> atCarol.contains(Mood.happy),
                () -> atCarol);
        Inbox tunesAtCarol = Inbox.messages(c, s -> s.toXML().toString().contains(TUNE));

        // the owner's other resource, interested in tunes
        XMPPTCPConnection a2 = online(alice, "phone");
        List<String> atPhone = new CopyOnWriteArrayList<>();
        UserTuneManager.getInstanceFor(a2).addUserTuneListener((from, t, id, m) ->
                atPhone.add(t.getTitle()));
        Await.until("alice's phone to get her last tune", () -> atPhone.contains("first"),
                () -> atPhone);

        UserTuneManager.getInstanceFor(a).publishUserTune(tune("second"));
        Await.until("bob to get the new tune", () -> atBob.contains(alice.bare() + " second"),
                () -> atBob);
        Await.until("alice's phone to get the new tune", () -> atPhone.contains("second"),
                () -> atPhone);
        sync(a);
        sync(c);
        assertEquals(List.of(), tunesAtCarol.drain(), "carol has no +notify for tunes");
        tunesAtCarol.close();
    }

    @Test
    void theLastItemArrivesWhenAnInterestedContactComesOnline() throws Exception { // §4.3.4
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = online(alice, "desk");
        XMPPTCPConnection b = online(bob, "laptop");
        befriend(a, b);
        b.disconnect();
        GeoLocationManager.getInstanceFor(a).publishGeoLocation(
                GeoLocation.builder().setLocality("Paris").build());

        XMPPTCPConnection again = clients.connect(bob, "tablet");
        EntityCapsManager.getInstanceFor(again);
        List<String> seen = new CopyOnWriteArrayList<>();
        GeoLocationManager.getInstanceFor(again).addGeoLocationListener((from, g, id, m) ->
                seen.add(from + " " + g.getLocality()));
        Chat.available(again, 0);
        Await.until("bob to get alice's location on login",
                () -> seen.contains(alice.bare() + " Paris"), () -> seen);
    }

    @Test
    void aContactRetrievesItems() throws Exception { // XEP-0060 §6.5
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection a = online(alice, "desk");
        XMPPTCPConnection b = online(clients.newAccount("bob"), "laptop");
        befriend(a, b);
        PepManager.getInstanceFor(a).publish(TUNE, new PayloadItem<>("t1", tune("one")));
        PepManager.getInstanceFor(a).publish(TUNE, new PayloadItem<>("t2", tune("two")));

        LeafNode atBob = PubSubManager.getInstanceFor(b, alice.jid()).getLeafNode(TUNE);
        List<Item> items = atBob.getItems();
        assertEquals(List.of("t2"), items.stream().map(Item::getId).toList(),
                "a PEP node keeps its last item by default");
        assertEquals("t2", atBob.getItems(List.of("t2")).get(0).getId());
    }

    @Test
    void aRetractedItemIsNotified() throws Exception { // XEP-0060 §7.2.2.1
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection a = online(alice, "desk");
        XMPPTCPConnection b = online(clients.newAccount("bob"), "laptop");
        befriend(a, b);
        List<String> atBob = new CopyOnWriteArrayList<>();
        UserTuneManager.getInstanceFor(b).addUserTuneListener((from, t, id, m) ->
                atBob.add(t.getTitle()));
        try (Inbox retractions = Inbox.messages(b,
                s -> s.toXML().toString().contains("retract")
                        && s.toXML().toString().contains("gone"))) {
            PepManager.getInstanceFor(a).publish(TUNE, new PayloadItem<>("gone", tune("soon")));
            Await.until("bob to get the tune", () -> atBob.contains("soon"), () -> atBob);
            PubSubManager.getInstanceFor(a, alice.jid()).getLeafNode(TUNE).deleteItem("gone");
            retractions.next("the retraction at bob");
        }
        assertEquals(List.of(), PubSubManager.getInstanceFor(a, alice.jid()).getLeafNode(TUNE)
                .getItems());
    }

    @Test
    void theAccountIsAPepServiceListingItsNodes() throws Exception { // XEP-0163 §6.1, XEP-0084
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection a = online(alice, "desk");
        assertTrue(PepManager.getInstanceFor(a).isSupported());
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(a).discoverInfo(alice.jid());
        assertTrue(info.hasIdentity("pubsub", "pep"), info::toString);
        assertTrue(info.containsFeature("http://jabber.org/protocol/pubsub#publish-options"));

        // XEP-0084 §4.1, §4.2: avatar data, then metadata
        String data = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                + "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        PepManager pep = PepManager.getInstanceFor(a);
        pep.publish("urn:xmpp:avatar:data", new PayloadItem<>("abc123", new SimplePayload(
                "<data xmlns='urn:xmpp:avatar:data'>" + data + "</data>")));
        pep.publish("urn:xmpp:avatar:metadata", new PayloadItem<>("abc123", new SimplePayload(
                "<metadata xmlns='urn:xmpp:avatar:metadata'><info bytes='68' id='abc123'"
                        + " height='1' width='1' type='image/png'/></metadata>")));

        DiscoverItems nodes = PubSubManager.getInstanceFor(a, alice.jid()).discoverNodes(null);
        assertEquals(List.of("urn:xmpp:avatar:data", "urn:xmpp:avatar:metadata"),
                nodes.getItems().stream().map(DiscoverItems.Item::getNode).sorted().toList());
        PayloadItem<SimplePayload> stored = PubSubManager.getInstanceFor(a, alice.jid())
                .getLeafNode("urn:xmpp:avatar:data").<PayloadItem<SimplePayload>>getItems()
                .get(0);
        assertTrue(stored.getPayload().toXML().toString().contains(data));
    }

    @Test
    void deletingTheAccountDeletesItsNodes() throws Exception {
        Account dora = clients.newAccount("dora");
        XMPPTCPConnection first = online(dora, "desk");
        PepManager.getInstanceFor(first).publish(TUNE, new PayloadItem<>("t", tune("bye")));
        first.disconnect();
        Await.until("dora's session to end", () -> clients.node().admin().sessionJids()
                .stream().noneMatch(j -> j.startsWith(dora.bare() + "/")),
                () -> clients.node().admin().sessionJids());
        clients.node().admin().unregister(dora.user(), dora.domain());
        clients.node().admin().register(dora.user(), dora.domain(), dora.password());

        XMPPTCPConnection again = online(dora, "desk");
        assertEquals(List.of(), PubSubManager.getInstanceFor(again, dora.jid())
                .discoverNodes(null).getItems());
    }
}
