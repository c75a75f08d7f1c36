package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.EntityCapabilitiesChangedListener;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A contact's interest in a PEP node (XEP-0163 §4.4, a {@code +notify} feature in its entity
 * capabilities, XEP-0115) and the owner's publish, when the two race: the server learns the
 * new capabilities only after asking the client for them (XEP-0115 §6.2), while the publish may
 * already be under way. The notification must reach the contact either way: straight away when
 * the verification ended first, or as the node's last item once the verification says
 * {@code +notify} (XEP-0163 §4.3.4, "the server MUST send notifications based on the latest
 * capabilities").
 */
class PepInterestRaceIT {

    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String EVENT = "http://jabber.org/protocol/pubsub#event";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int ROUNDS = 5;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private XMPPTCPConnection online(Account account, String resource) {
        XMPPTCPConnection c = clients.connect(account, resource);
        EntityCapsManager.getInstanceFor(c);
        Roster.getInstanceFor(c).addSubscribeListener((from, presence) ->
                SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        Chat.available(c, 0);
        return c;
    }

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

    private static PayloadItem<SimplePayload> item(String node, String id) {
        return new PayloadItem<>(id, new SimplePayload(
                "<status xmlns='" + node + "'>" + id + "</status>"));
    }

    /**
     * Smack's order, as in its XEP-0118 interoperability test: the contact adds the
     * {@code +notify} feature while online (its client re-sends its presence with the new
     * {@code ver}), and the owner publishes as soon as the contact's client has changed its
     * capabilities, without waiting for the server to verify them. Several rounds, each with a
     * node the owner publishes to for the first time.
     */
    @Test
    void aContactThatJustAddedNotifyGetsAnImmediatePublish() throws Exception {
        XMPPTCPConnection owner = online(clients.newAccount("alice"), "desk");
        XMPPTCPConnection contact = online(clients.newAccount("bob"), "laptop");
        befriend(owner, contact);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        contact.addAsyncStanzaListener(s -> seen.add(s.toXML().toString()),
                s -> s instanceof Message m && m.hasExtension("event", EVENT));
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(contact);
        PepManager pep = PepManager.getInstanceFor(owner);

        for (int round = 0; round < ROUNDS; round++) {
            String node = "urn:example:meerkat-test:race-" + round;
            CountDownLatch changed = new CountDownLatch(1);
            EntityCapabilitiesChangedListener listener = info -> {
                if (info.containsFeature(node + "+notify")) {
                    changed.countDown();
                }
            };
            disco.addEntityCapabilitiesChangedListener(listener);
            disco.addFeature(node + "+notify");
            assertTrue(changed.await(WAIT.toSeconds(), TimeUnit.SECONDS), "caps changed");
            disco.removeEntityCapabilitiesChangedListener(listener);

            String id = "item-" + round;
            pep.publish(node, item(node, id));
            Await.until("the contact to get " + id + " of " + node, WAIT,
                    () -> seen.stream().anyMatch(s -> s.contains("node='" + node + "'")
                            && s.contains("id='" + id + "'")), () -> seen);
        }
    }

    /**
     * The publish happens while the server's disco#info to the contact is unanswered: the
     * contact's announced capabilities are not yet trusted, so the publish itself notifies no
     * one; the answer then says {@code +notify}, and the item arrives, once.
     */
    @Test
    void aPublishBeforeTheVerificationArrivesOnceVerified() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection owner = online(alice, "desk");
        XMPPTCPConnection bobsClient = online(bob, "laptop");
        befriend(owner, bobsClient);
        bobsClient.disconnect();
        String node = "urn:example:meerkat-test:early";
        List<String> features = List.of(DISCO_INFO, node + "+notify");
        String ver = ver(features);

        try (RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort())) {
            raw.login(clients.node().domain(), clients.node().tls().sslContext(), bob.user(),
                    bob.password(), "raw");
            raw.send("<presence><c xmlns='http://jabber.org/protocol/caps' hash='sha-1'"
                    + " node='urn:example:raw' ver='" + ver + "'/></presence>");
            XmlNode query = discoQuery(raw.await(s -> discoQuery(s).isPresent(), WAIT))
                    .orElseThrow(() -> new AssertionError("no disco#info: " + raw.text()));

            PepManager.getInstanceFor(owner).publish(node, item(node, "early"));
            assertTrue(PingManager.getInstanceFor(owner).pingMyServer());

            StringBuilder reply = new StringBuilder("<iq type='result' id='"
                    + query.attribute("id") + "' to='" + query.attribute("from")
                    + "'><query xmlns='" + DISCO_INFO + "' node='urn:example:raw#" + ver + "'>"
                    + "<identity category='client' type='pc' name='Raw'/>");
            features.forEach(f -> reply.append("<feature var='").append(f).append("'/>"));
            raw.send(reply.append("</query></iq>").toString());

            ReceivedStream s = raw.await(x -> events(x, "early") > 0, WAIT);
            assertEquals(1, events(s, "early"), "the item once, after the verification: "
                    + raw.text());
            raw.send("<iq type='get' id='sync'><ping xmlns='urn:xmpp:ping'/></iq>");
            s = raw.await(x -> x.find(e -> "sync".equals(e.attribute("id"))).isPresent(), WAIT);
            assertEquals(1, events(s, "early"), "no second copy: " + raw.text());
        }
    }

    private static long events(ReceivedStream s, String itemId) {
        return s.elements().stream().filter(e -> e.name().equals("message")
                && e.child(EVENT, "event").flatMap(ev -> ev.child(EVENT, "items"))
                        .flatMap(i -> i.child(EVENT, "item"))
                        .map(i -> itemId.equals(i.attribute("id"))).orElse(false)).count();
    }

    private static Optional<XmlNode> discoQuery(ReceivedStream s) {
        return s.find(e -> e.name().equals("iq") && "get".equals(e.attribute("type"))
                && e.child(DISCO_INFO, "query").isPresent());
    }

    /** The verification string of XEP-0115 §5.1 for identity client/pc//Raw and features. */
    private static String ver(List<String> features) throws Exception {
        StringBuilder s = new StringBuilder("client/pc//Raw<");
        features.stream().sorted().forEach(f -> s.append(f).append('<'));
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
