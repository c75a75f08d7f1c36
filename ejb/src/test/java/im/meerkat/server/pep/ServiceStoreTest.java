package im.meerkat.server.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.jpa.TestPersistence;
import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes of the PubSub service with their affiliations and subscriptions (XEP-0060 §4.1, §4.2),
 * in tables meerkat_pep_node, meerkat_pep_item and meerkat_pubsub_member.
 */
class ServiceStoreTest {

    private static final Jid SERVICE = Jid.domain("pubsub.example.org");
    private static final Jid ALICE = Jid.of("alice@example.org/desk");
    private static final Jid BOB = Jid.of("bob@example.org");

    private TestPersistence db;
    private ServiceStore members;
    private PepStore items;

    @BeforeEach
    void open() throws Exception {
        db = TestPersistence.open();
        members = new ServiceStore(db.em());
        items = new PepStore(db.em());
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private boolean create(String node) {
        boolean[] created = new boolean[1];
        db.tx(() -> created[0] = members.create(SERVICE, node, NodeConfig.SERVICE_DEFAULT, ALICE));
        return created[0];
    }

    @Test
    void theCreatorOwnsTheNodeAndASecondCreationIsRefused() { // §8.1, §4.1
        assertTrue(create("news"));
        assertEquals(Optional.of(ServiceStore.OWNER), members.affiliation(SERVICE, "news", ALICE));
        assertEquals(Optional.empty(), members.affiliation(SERVICE, "news", BOB));
        assertFalse(create("news"));
        assertEquals(Optional.of(NodeConfig.SERVICE_DEFAULT), items.node(SERVICE, "news"));
        // the service's nodes are not an account's PEP nodes
        assertEquals(List.of(), items.nodes(ALICE.bare()));
    }

    @Test
    void aSubscriptionKeepsItsIdUntilItEnds() { // §6.1, §6.2
        create("news");
        String[] subids = new String[2];
        db.tx(() -> subids[0] = members.subscribe(SERVICE, "news", BOB));
        db.tx(() -> subids[1] = members.subscribe(SERVICE, "news", BOB));
        assertEquals(subids[0], subids[1]);
        assertEquals(List.of(subids[0]), members.of(SERVICE, BOB).stream()
                .map(ServiceMember::subid).toList());
        boolean[] ended = new boolean[2];
        db.tx(() -> ended[0] = members.unsubscribe(SERVICE, "news", BOB));
        db.tx(() -> ended[1] = members.unsubscribe(SERVICE, "news", BOB));
        assertTrue(ended[0]);
        assertFalse(ended[1], "no subscription left to end");
        assertEquals(List.of(), members.of(SERVICE, BOB));
    }

    @Test
    void anOwnerWhoSubscribesKeepsTheAffiliationAfterUnsubscribing() {
        create("news");
        db.tx(() -> members.subscribe(SERVICE, "news", ALICE.bare()));
        db.tx(() -> members.unsubscribe(SERVICE, "news", ALICE.bare()));
        assertEquals(Optional.of(ServiceStore.OWNER), members.affiliation(SERVICE, "news", ALICE));
    }

    @Test
    void affiliationsAreSetAndRemoved() { // §8.9.2
        create("news");
        db.tx(() -> members.affiliate(SERVICE, "news", BOB, ServiceStore.PUBLISHER));
        assertEquals(Optional.of(ServiceStore.PUBLISHER),
                members.affiliation(SERVICE, "news", BOB));
        db.tx(() -> members.affiliate(SERVICE, "news", BOB, null));
        assertEquals(Optional.empty(), members.affiliation(SERVICE, "news", BOB));
        assertEquals(1, members.members(SERVICE, "news").size());
    }

    @Test
    void deletionTakesItemsAffiliationsAndSubscriptions() throws Exception { // §8.4
        create("news");
        db.tx(() -> members.subscribe(SERVICE, "news", BOB));
        db.tx(() -> {
            try {
                items.publish(SERVICE, "news", NodeConfig.SERVICE_DEFAULT, Map.of(), "1", ALICE,
                        "<entry xmlns='urn:test'/>", 1000, 100);
            } catch (PepStore.PreconditionFailure e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(1, items.items(SERVICE, "news", null, Set.of()).size());
        boolean[] deleted = new boolean[2];
        db.tx(() -> deleted[0] = members.delete(SERVICE, "news"));
        db.tx(() -> deleted[1] = members.delete(SERVICE, "news"));
        assertTrue(deleted[0]);
        assertFalse(deleted[1]);
        assertEquals(Optional.empty(), items.node(SERVICE, "news"));
        assertEquals(List.of(), items.items(SERVICE, "news", null, Set.of()));
        assertEquals(List.of(), members.members(SERVICE, "news"));
        assertTrue(create("news"), "the name is free again");
        assertEquals(1, members.members(SERVICE, "news").size());
    }
}
