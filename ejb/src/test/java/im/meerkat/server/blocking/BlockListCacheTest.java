package im.meerkat.server.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cluster-wide block list cache over a plain concurrent map. */
class BlockListCacheTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final BlockList ROMEO = BlockList.of(List.of(Jid.of("romeo@example.net")));

    private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    private final BlockListCache cache = new BlockListCache(map);

    @Test
    void aMissLoadsOnceAndKeepsEmptyListsToo() {
        AtomicInteger loads = new AtomicInteger();
        assertEquals(BlockList.empty(), cache.get(ALICE, () -> {
            loads.incrementAndGet();
            return BlockList.empty();
        }));
        assertEquals(BlockList.empty(), cache.get(ALICE.withResource("r"), () -> {
            loads.incrementAndGet();
            return ROMEO;
        }));
        assertEquals(1, loads.get());
        assertEquals("", map.get("alice@example.org"));
    }

    @Test
    void anOldListLoadedBeforeAChangeNeverReplacesTheNewOne() {
        // The loader reads the database; meanwhile a writer on another node puts the new list.
        BlockList seen = cache.get(ALICE, () -> {
            cache.put(ALICE, ROMEO);
            return BlockList.empty();
        });
        assertEquals(ROMEO, seen);
        assertEquals(ROMEO, cache.get(ALICE, () -> BlockList.empty()));
    }

    @Test
    void removedOwnersAreLoadedAgain() {
        cache.put(ALICE, ROMEO);
        cache.remove(ALICE);
        assertEquals(BlockList.empty(), cache.get(ALICE, BlockList::empty));
    }
}
