package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.pubsub.GetItemsRequest;
import org.jivesoftware.smackx.pubsub.ItemDeleteEvent;
import org.jivesoftware.smackx.pubsub.ItemPublishEvent;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.listener.ItemDeleteListener;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The PubSub service at {@code pubsub.<domain>} (XEP-0060) through Smack's {@link PubSubManager}:
 * discovery, node creation, subscription, publication with notification, retrieval, retraction,
 * deletion and the errors of §§6-8; and what the server and accounts announce for PEP
 * (XEP-0163 §9).
 */
class PubSubServiceIT {

    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private DomainBareJid service() throws Exception {
        return JidCreate.domainBareFrom("pubsub." + clients.node().domain());
    }

    private static SimplePayload entry(String text) {
        return new SimplePayload("<entry xmlns='urn:example:news'>" + text + "</entry>");
    }

    private static StanzaError.Condition condition(XMPPErrorException e) {
        return e.getStanzaError().getCondition();
    }

    @Test
    void theServiceIsListedAndDescribed() throws Exception { // XEP-0030 §4, XEP-0060 §5.1
        XMPPTCPConnection a = clients.connect(clients.newAccount("alice"), "desk");
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(a);
        DiscoverItems items = disco.discoverItems(a.getXMPPServiceDomain());
        DomainBareJid service = service();
        assertTrue(items.getItems().stream().anyMatch(i -> i.getEntityID().equals(service)),
                items::toString);
        DiscoverInfo info = disco.discoverInfo(service());
        assertTrue(info.hasIdentity("pubsub", "service"), info::toString);
        for (String f : List.of("", "#create-nodes", "#instant-nodes", "#publish",
                "#subscribe", "#retrieve-items", "#retract-items", "#delete-nodes",
                "#config-node", "#access-open")) {
            assertTrue(info.containsFeature(PUBSUB + f), f);
        }
        assertEquals(service(), PubSubManager.getPubSubService(a));
    }

    @Test
    void aSubscriberGetsPublicationsRetractionsAndTheDeletion() throws Exception {
        // §8.1.2 create, §6.1 subscribe, §7.1 publish and notify, §6.5 items, §7.2 retract,
        // §8.4 delete
        XMPPTCPConnection a = clients.connect(clients.newAccount("alice"), "desk");
        XMPPTCPConnection b = clients.connect(clients.newAccount("bob"), "laptop");
        Chat.available(b, 0); // notifications to a bare JID go to available resources
        String name = "news-" + System.nanoTime();
        LeafNode owned = PubSubManager.getInstanceFor(a, service()).createNode(name);

        LeafNode node = PubSubManager.getInstanceFor(b, service()).getLeafNode(name);
        List<String> published = new CopyOnWriteArrayList<>();
        List<String> retracted = new CopyOnWriteArrayList<>();
        node.addItemEventListener((ItemEventListener<PayloadItem<SimplePayload>>)
                (ItemPublishEvent<PayloadItem<SimplePayload>> e) -> e.getItems().forEach(i ->
                        published.add(i.getId() + " " + i.getPayload().toXML())));
        node.addItemDeleteListener(new ItemDeleteListener() {
            @Override
            public void handleDeletedItems(ItemDeleteEvent e) {
                retracted.addAll(e.getItemIds());
            }

            @Override
            public void handlePurge() {
            }
        });
        Subscription sub = node.subscribe(b.getUser().asBareJid());
        assertEquals(Subscription.State.subscribed, sub.getState());

        owned.publish(new PayloadItem<>("first", entry("hello")));
        Await.until("bob to be notified of the item",
                () -> published.stream().anyMatch(p -> p.startsWith("first ")
                        && p.contains("hello")), () -> published);
        List<PayloadItem<SimplePayload>> stored = node.getItems();
        assertEquals(List.of("first"), stored.stream().map(PayloadItem::getId).toList());
        assertTrue(stored.get(0).getPayload().toXML().toString().contains("hello"));

        owned.deleteItem("first");
        Await.until("bob to be notified of the retraction", () -> retracted.contains("first"),
                () -> retracted);
        assertEquals(List.of(), node.getItems());

        assertTrue(PubSubManager.getInstanceFor(a, service()).deleteNode(name));
        XMPPErrorException gone = assertThrows(XMPPErrorException.class, node::getItems);
        assertEquals(StanzaError.Condition.item_not_found, condition(gone));
    }

    @Test
    void instantNodesAreNamedByTheService() throws Exception { // §8.1.1
        XMPPTCPConnection a = clients.connect(clients.newAccount("alice"), "desk");
        PubSubManager pubsub = PubSubManager.getInstanceFor(a, service());
        LeafNode instant = pubsub.createNode();
        assertFalse(instant.getId().isEmpty());
        assertTrue(pubsub.deleteNode(instant.getId()));
        assertTrue(pubsub.canCreateNodesAndPublishItems());
    }

    @Test
    void badRequestsGetTheErrorsOfTheSpecificationAndChangeNothing() throws Exception {
        XMPPTCPConnection a = clients.connect(clients.newAccount("alice"), "desk");
        XMPPTCPConnection b = clients.connect(clients.newAccount("bob"), "laptop");
        String name = "owned-" + System.nanoTime();
        LeafNode owned = PubSubManager.getInstanceFor(a, service()).createNode(name);
        owned.publish(new PayloadItem<>("kept", entry("by alice")));
        PubSubManager atBob = PubSubManager.getInstanceFor(b, service());
        LeafNode node = atBob.getLeafNode(name);

        // §7.1.3.1: only owners and publishers publish
        XMPPErrorException e = assertThrows(XMPPErrorException.class,
                () -> node.publish(new PayloadItem<>("kept", entry("by bob"))));
        assertEquals(StanzaError.Condition.forbidden, condition(e));
        // §7.2.3.1: nor retract
        e = assertThrows(XMPPErrorException.class, () -> node.deleteItem("kept"));
        assertEquals(StanzaError.Condition.forbidden, condition(e));
        // §8.1.2 (error cases): the node exists
        e = assertThrows(XMPPErrorException.class, () -> atBob.createNode(name));
        assertEquals(StanzaError.Condition.conflict, condition(e));
        // §8.4.3.1: only an owner deletes
        e = assertThrows(XMPPErrorException.class, () -> atBob.deleteNode(name));
        assertEquals(StanzaError.Condition.forbidden, condition(e));
        // §6.5.9.11: items of a node that does not exist
        DomainBareJid service = service();
        e = assertThrows(XMPPErrorException.class, () -> b.sendIqRequestAndWaitForResponse(
                PubSub.createPubsubPacket(service, IQ.Type.get,
                        new GetItemsRequest("absent-" + System.nanoTime()))));
        assertEquals(StanzaError.Condition.item_not_found, condition(e));

        List<PayloadItem<SimplePayload>> items = node.getItems();
        assertEquals(1, items.size());
        assertTrue(items.get(0).getPayload().toXML().toString().contains("by alice"));
        assertTrue(PubSubManager.getInstanceFor(a, service()).deleteNode(name));
    }

    @Test
    void theServerAndTheAccountAnnouncePep() throws Exception { // XEP-0163 §9
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(a);
        for (DiscoverInfo info : List.of(disco.discoverInfo(alice.jid()),
                disco.discoverInfo(a.getXMPPServiceDomain()))) {
            assertTrue(info.hasIdentity("pubsub", "pep"), info::toString);
            for (String f : List.of("", "#publish", "#access-whitelist", "#publish-options",
                    "#auto-create", "#retrieve-items")) {
                assertTrue(info.containsFeature(PUBSUB + f), f + " in " + info);
            }
            assertFalse(info.containsFeature(PUBSUB + "#subscribe"), info::toString);
        }
        assertTrue(disco.serverSupportsFeature(PUBSUB + "#access-whitelist"));
    }
}
