package im.meerkat.server.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** PEP nodes and items in tables meerkat_pep_node and meerkat_pep_item. */
class PepStoreTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Jid BOB = Jid.of("bob@example.org");
    private static final Jid DESK = ALICE.withResource("desk");
    private static final String TUNE = "http://jabber.org/protocol/tune";

    private TestPersistence db;
    private PepStore store;

    @BeforeEach
    void open() throws Exception {
        db = TestPersistence.open();
        store = new PepStore(db.em());
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private PepStore.Published publish(Jid owner, String node, NodeConfig config,
            Map<String, List<String>> options, String id, long now) {
        PepStore.Published[] result = new PepStore.Published[1];
        db.tx(() -> {
            try {
                result[0] = store.publish(owner, node, config, options, id, DESK,
                        "<tune xmlns='" + TUNE + "'><title>" + id + "</title></tune>", now, 3);
            } catch (PepStore.PreconditionFailure e) {
                throw new IllegalStateException(e);
            }
        });
        return result[0];
    }

    private static List<String> ids(List<StoredItem> items) {
        return items.stream().map(StoredItem::id).toList();
    }

    @Test
    void firstPublicationCreatesTheNodeWithItsConfiguration() { // XEP-0163 §7.1
        assertTrue(publish(ALICE, TUNE, NodeConfig.DEFAULT, Map.of(), "a", 1000).created());
        assertFalse(publish(ALICE, TUNE, NodeConfig.DEFAULT, Map.of(), "b", 1000).created());
        assertEquals(Optional.of(NodeConfig.DEFAULT), store.node(ALICE, TUNE));
        assertEquals(List.of(TUNE), store.nodes(ALICE));
        assertEquals(List.of(), store.nodes(BOB));
    }

    @Test
    void theNodeKeepsItsNewestItemsUpToItsLimit() {
        NodeConfig two = new NodeConfig(AccessModel.PRESENCE, true, 2,
                SendLastPublished.ON_SUB_AND_PRESENCE, true);
        for (String id : List.of("a", "b", "c")) {
            publish(ALICE, TUNE, two, Map.of(), id, 1000); // one millisecond: order still kept
        }
        assertEquals(List.of("c", "b"), ids(store.items(ALICE, TUNE, null, Set.of())));
        assertEquals(List.of("c"), ids(store.items(ALICE, TUNE, 1, Set.of())));
        assertEquals("c", store.last(ALICE, TUNE).orElseThrow().id());
        // republishing an id makes it the newest again
        publish(ALICE, TUNE, two, Map.of(), "b", 1000);
        assertEquals(List.of("b", "c"), ids(store.items(ALICE, TUNE, null, Set.of())));
        assertEquals(List.of("c"), ids(store.items(ALICE, TUNE, null, Set.of("c", "a"))));
    }

    @Test
    void maxStandsForTheServersLimit() {
        NodeConfig max = new NodeConfig(AccessModel.WHITELIST, true, NodeConfig.MAX_ITEMS,
                SendLastPublished.ON_SUB_AND_PRESENCE, true);
        for (String id : List.of("a", "b", "c", "d")) {
            publish(ALICE, "urn:xmpp:bookmarks:1", max, Map.of(), id, 1000);
        }
        assertEquals(3, store.items(ALICE, "urn:xmpp:bookmarks:1", null, Set.of()).size());
    }

    @Test
    void anExistingNodeThatDoesNotMeetAnOptionRefusesAndKeepsItsItems() { // XEP-0060 §7.1.5
        publish(ALICE, TUNE, NodeConfig.DEFAULT, Map.of(), "a", 1000);
        db.em().getTransaction().begin();
        try {
            PepStore.PreconditionFailure failure = assertThrows(PepStore.PreconditionFailure.class,
                    () -> store.publish(ALICE, TUNE, NodeConfig.DEFAULT,
                            Map.of("pubsub#access_model", List.of("open")), "b", DESK,
                            "<x xmlns='y'/>", 2000, 3));
            assertEquals("pubsub#access_model", failure.getMessage());
        } finally {
            db.em().getTransaction().rollback();
        }
        assertEquals(List.of("a"), ids(store.items(ALICE, TUNE, null, Set.of())));
    }

    @Test
    void retractPurgeAndDelete() {
        publish(ALICE, TUNE, NodeConfig.DEFAULT.withMax(5), Map.of(), "a", 1000);
        publish(ALICE, TUNE, NodeConfig.DEFAULT.withMax(5), Map.of(), "b", 1001);
        boolean[] done = new boolean[3];
        db.tx(() -> done[0] = store.retract(ALICE, TUNE, "a"));
        db.tx(() -> done[1] = store.retract(ALICE, TUNE, "a"));
        assertTrue(done[0]);
        assertFalse(done[1]);
        assertEquals(List.of("b"), ids(store.items(ALICE, TUNE, null, Set.of())));
        db.tx(() -> done[2] = store.purge(ALICE, TUNE));
        assertTrue(done[2]);
        assertEquals(List.of(), store.items(ALICE, TUNE, null, Set.of()));
        assertTrue(store.node(ALICE, TUNE).isPresent());
        db.tx(() -> done[0] = store.delete(ALICE, TUNE));
        assertTrue(done[0]);
        assertTrue(store.node(ALICE, TUNE).isEmpty());
    }

    @Test
    void nodesOfSeveralOwnersAndDeletionOfAnAccount() {
        publish(ALICE, TUNE, NodeConfig.DEFAULT, Map.of(), "a", 1000);
        publish(BOB, TUNE, NodeConfig.DEFAULT, Map.of(), "a", 1000);
        publish(BOB, "urn:xmpp:avatar:metadata", NodeConfig.DEFAULT, Map.of(), "a", 1000);
        Map<Jid, Map<String, NodeConfig>> found = store.nodes(List.of(ALICE, BOB), Set.of(TUNE));
        assertEquals(Set.of(ALICE, BOB), found.keySet());
        assertEquals(Set.of(TUNE), found.get(BOB).keySet());
        db.tx(() -> store.deleteAccount(BOB));
        assertEquals(List.of(), store.nodes(BOB));
        assertEquals(1, db.rows("meerkat_pep_item").size());
        assertEquals(1, db.rows("meerkat_pep_node").size());
    }
}
