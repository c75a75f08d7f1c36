package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows written by the batched writer and paged by the store (XEP-0313 §4, XEP-0059) over the
 * table EclipseLink creates in H2.
 */
class ArchiveStoreTest {

    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final String CAROL = "carol@example.org";

    private MamDatabase db;
    private ArchiveStore store;
    private final List<Long> aliceWithBob = new ArrayList<>();
    private final List<Long> alice = new ArrayList<>();

    @BeforeEach
    void fill() throws Exception {
        db = new MamDatabase();
        store = new ArchiveStore(db.dataSource);
        MamSettings settings = new MamSettings(Map.of(MamSettings.BATCH, "7")::get);
        ArchiveWriter writer = new ArchiveWriter(settings, db.dataSource, Thread::new);
        ArchiveIds ids = new ArchiveIds(1);
        for (int i = 0; i < 30; i++) {
            String peer = i % 3 == 0 ? CAROL : BOB;
            long id = ids.next();
            assertTrue(writer.write(new ArchiveRow(id, ALICE, peer, i % 2 == 0 ? "phone" : null,
                    "<message xmlns='jabber:client'><body>" + i + "</body></message>")));
            alice.add(id);
            if (peer.equals(BOB)) {
                aliceWithBob.add(id);
            }
            writer.write(new ArchiveRow(ids.next(), BOB, ALICE, null, "<message/>"));
        }
        writer.stop(); // a clean shutdown writes everything queued
        assertEquals(60, writer.written());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ArchiveQuery query(String with, Long after, Long before, int max) {
        return new ArchiveQuery(ALICE, with, null, null, null, null, after, before, max, false);
    }

    private static List<Long> ids(ArchiveStore.Page page) {
        return page.items().stream().map(ArchiveStore.Stored::id).toList();
    }

    @Test
    void pagesForwardsWithAfterUntilComplete() throws Exception {
        ArchiveStore.Page first = store.query(query(null, null, null, 10));
        assertEquals(alice.subList(0, 10), ids(first));
        assertFalse(first.complete());
        assertEquals(30, first.count());
        assertEquals(0, first.firstIndex());
        ArchiveStore.Page second = store.query(query(null, alice.get(9), null, 10));
        assertEquals(alice.subList(10, 20), ids(second));
        assertEquals(10, second.firstIndex());
        ArchiveStore.Page last = store.query(query(null, alice.get(19), null, 10));
        assertEquals(alice.subList(20, 30), ids(last));
        assertTrue(last.complete());
    }

    @Test
    void pagesBackwardsFromTheLastPageInChronologicalOrder() throws Exception {
        ArchiveStore.Page last = store.query(query(null, null, ArchiveQuery.LAST_PAGE, 8));
        assertEquals(alice.subList(22, 30), ids(last));
        assertEquals(22, last.firstIndex());
        assertFalse(last.complete());
        ArchiveStore.Page before = store.query(query(null, null, alice.get(22), 8));
        assertEquals(alice.subList(14, 22), ids(before));
        ArchiveStore.Page oldest = store.query(query(null, null, alice.get(6), 8));
        assertEquals(alice.subList(0, 6), ids(oldest));
        assertTrue(oldest.complete());
    }

    @Test
    void withFiltersByBareOrFullJid() throws Exception {
        ArchiveStore.Page page = store.query(query(BOB, null, null, 100));
        assertEquals(aliceWithBob, ids(page));
        assertEquals(20, page.count());
        assertTrue(page.complete());
        ArchiveQuery full = new ArchiveQuery(ALICE, BOB, "phone", null, null, null, null, null, 100, false);
        assertEquals(10, store.query(full).items().size());
    }

    @Test
    void rangesIdsAndCountOnly() throws Exception {
        ArchiveQuery range = new ArchiveQuery(ALICE, null, null, alice.get(5), alice.get(9), null,
                null, null, 100, false);
        assertEquals(alice.subList(5, 10), ids(store.query(range)));
        ArchiveQuery some = new ArchiveQuery(ALICE, null, null, null, null,
                List.of(alice.get(3), alice.get(7), 12345L), null, null, 100, false);
        assertEquals(List.of(alice.get(3), alice.get(7)), ids(store.query(some)));
        ArchiveStore.Page countOnly = store.query(query(null, null, null, 0));
        assertTrue(countOnly.items().isEmpty());
        assertEquals(30, countOnly.count());
    }

    @Test
    void boundsContainsAndPurge() throws Exception {
        assertEquals(alice.get(0), store.bounds(ALICE).orElseThrow()[0]);
        assertEquals(alice.get(29), store.bounds(ALICE).orElseThrow()[1]);
        assertTrue(store.bounds("nobody@example.org").isEmpty());
        assertTrue(store.contains(ALICE, alice.get(4)));
        assertFalse(store.contains(BOB, alice.get(4)));
        assertEquals(10, store.deleteBefore(ALICE, alice.get(10)));
        assertEquals(alice.get(10), store.bounds(ALICE).orElseThrow()[0]);
        assertEquals(30, store.query(new ArchiveQuery(BOB, null, null, null, null, null, null, null,
                100, false)).count());
    }

    @Test
    void aRangeOverTheCountLimitHasNoCountNorIndexButTheSamePages() throws Exception {
        ArchiveStore bounded = new ArchiveStore(db.dataSource, 20);
        ArchiveStore.Page last = bounded.query(query(null, null, ArchiveQuery.LAST_PAGE, 10));
        assertEquals(alice.subList(20, 30), ids(last));
        assertEquals(ArchiveStore.UNKNOWN, last.count(), "30 messages, limit 20");
        assertEquals(ArchiveStore.UNKNOWN, last.firstIndex());
        ArchiveStore.Page first = bounded.query(query(null, null, null, 10));
        assertEquals(0, first.firstIndex(), "the range's first page starts at 0 whatever its size");
        ArchiveStore.Page inside = bounded.query(query(null, alice.get(4), null, 10));
        assertEquals(5, inside.firstIndex(), "5 messages before the page: under the limit");
        ArchiveStore.Page withBob = bounded.query(query(BOB, null, ArchiveQuery.LAST_PAGE, 5));
        assertEquals(20, withBob.count(), "20 messages with bob: at the limit, counted");
        assertEquals(15, withBob.firstIndex());
        // XEP-0059 §2.6: a request for the count alone is always answered exactly
        assertEquals(30, bounded.query(query(null, null, null, 0)).count());
    }
}
