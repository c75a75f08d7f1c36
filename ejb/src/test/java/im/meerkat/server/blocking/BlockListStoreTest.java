package im.meerkat.server.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.meerkat.server.jpa.TestPersistence;
import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Block lists in table meerkat_blocklist through the real persistence unit, and the cache. */
class BlockListStoreTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Jid BOB = Jid.of("bob@example.org");
    private static final Jid ROMEO = Jid.of("romeo@montague.net");
    private static final Jid CAPULET = Jid.of("capulet.com");

    private TestPersistence db;
    private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    private BlockListStore store;
    private BlockLists lists;

    @BeforeEach
    void open() throws Exception {
        db = TestPersistence.open();
        BlockListCache cache = new BlockListCache(map);
        store = new BlockListStore(db.em(), cache);
        lists = new BlockLists(cache, store);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void blockAddsOnlyNewItemsAndUpdatesTheCache() {
        db.tx(() -> store.block(ALICE, List.of(ROMEO)));
        db.tx(() -> store.block(ALICE, List.of(ROMEO, CAPULET)));
        db.tx(() -> store.block(BOB, List.of(ROMEO)));
        assertEquals(List.of(CAPULET, ROMEO), lists.of(ALICE).items());
        assertEquals(List.of(CAPULET, ROMEO), store.load(ALICE).items());
        assertEquals(3, db.rows("meerkat_blocklist").size());
    }

    @Test
    void unblockRemovesItemsOrEverything() {
        db.tx(() -> store.block(ALICE, List.of(ROMEO, CAPULET)));
        db.tx(() -> store.unblock(ALICE, List.of(ROMEO, Jid.of("never@blocked.org"))));
        assertEquals(List.of(CAPULET), lists.of(ALICE).items());
        db.tx(() -> store.unblock(ALICE, List.of()));
        assertEquals(List.of(), lists.of(ALICE).items());
        assertEquals(List.of(), store.load(ALICE).items());
    }

    @Test
    void aMissReadsTheDatabase() {
        db.tx(() -> store.block(ALICE, List.of(ROMEO)));
        map.clear();
        assertEquals(List.of(ROMEO), lists.of(ALICE).items());
    }

    @Test
    void deletingTheAccountForgetsTheList() {
        db.tx(() -> store.block(ALICE, List.of(ROMEO)));
        db.tx(() -> store.block(BOB, List.of(ROMEO)));
        db.tx(() -> new BlockListCleanup(store).accountDeleted(
                new im.meerkat.server.account.AccountDeleted(ALICE)));
        assertEquals(List.of(), lists.of(ALICE).items());
        assertEquals(1, db.rows("meerkat_blocklist").size());
    }
}
