package im.meerkat.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

/**
 * The session table when this node's copy of an entry differs from the owner's, as after a
 * partition heals without the cache reconciling the copies (docs/CLUSTER.md, "Partitions and
 * merge"): reads see this node's copy, conditional writes are decided by the owner. A change must
 * still end, applied to the owner's value.
 */
class SessionTableAfterMergeTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final String KEY = "alice@example.org";
    private static final Duration AT_MOST = Duration.ofSeconds(5);

    private final Copies copies = new Copies();
    private final SessionTable table = new SessionTable(copies);

    private static SessionRecord record(String resource, String node, String channel) {
        return new SessionRecord(resource, new ChannelId(node, channel), "tcp", "-", 1_000, true,
                0);
    }

    @Test
    void aRemovalThatTheOwnersValueDoesNotNeedEnds() {
        copies.owner.put(KEY, SessionRecord.encodeAll(List.of(record("same", "node2", "n"))));
        copies.local.put(KEY, SessionRecord.encodeAll(List.of(record("same", "node3", "o"))));

        var removed = assertTimeoutPreemptively(AT_MOST,
                () -> table.remove(ALICE, new ChannelId("node3", "o")));

        assertTrue(removed.isEmpty(), "the owner's value held no such record");
        assertEquals(List.of(record("same", "node2", "n")),
                SessionRecord.decodeAll(copies.owner.get(KEY)));
    }

    @Test
    void anAdditionIsMadeToTheOwnersValue() {
        copies.owner.put(KEY, SessionRecord.encodeAll(List.of(record("phone", "node2", "p"))));

        var taken = assertTimeoutPreemptively(AT_MOST,
                () -> table.addIfAbsent(ALICE, record("desk", "node3", "d")));

        assertTrue(taken.isEmpty());
        List<SessionRecord> both = List.of(record("phone", "node2", "p"),
                record("desk", "node3", "d"));
        assertEquals(both, SessionRecord.decodeAll(copies.owner.get(KEY)));
        assertEquals(both, table.sessions(ALICE), "the write reached this node's copy too");
    }

    @Test
    void whereTheOwnerHasNoEntryThisNodesCopyIsWrittenFirst() {
        copies.local.put(KEY, SessionRecord.encodeAll(List.of(record("desk", "node3", "d"),
                record("phone", "node1", "p"))));

        var removed = assertTimeoutPreemptively(AT_MOST,
                () -> table.remove(ALICE, new ChannelId("node3", "d")));

        assertEquals(record("desk", "node3", "d"), removed.orElseThrow());
        assertEquals(List.of(record("phone", "node1", "p")),
                SessionRecord.decodeAll(copies.owner.get(KEY)));
    }

    @Test
    void aLeftOverRecordLeavesThisNodesCopyWhenTheOwnersValueLacksIt() {
        copies.owner.put(KEY, SessionRecord.encodeAll(List.of(record("desk", "node1", "d"))));
        copies.local.put(KEY, SessionRecord.encodeAll(List.of(record("desk", "node1", "d"),
                record("phone", "node2", "p"))));

        var discarded = assertTimeoutPreemptively(AT_MOST,
                () -> table.discard(ALICE, new ChannelId("node2", "p")));

        assertEquals(record("phone", "node2", "p"), discarded.orElseThrow());
        assertEquals(List.of(record("desk", "node1", "d")), table.sessions(ALICE),
                "this node's copy is the owner's value again");
    }

    @Test
    void aLeftOverRecordThatTheOwnerHoldsIsRemovedThere() {
        copies.local.put(KEY, SessionRecord.encodeAll(List.of(record("desk", "node1", "d"),
                record("phone", "node2", "p"))));
        copies.owner.putAll(copies.local);

        assertEquals(record("phone", "node2", "p"),
                table.discard(ALICE, new ChannelId("node2", "p")).orElseThrow());
        assertEquals(List.of(record("desk", "node1", "d")),
                SessionRecord.decodeAll(copies.owner.get(KEY)));
        assertTrue(table.discard(ALICE, new ChannelId("node2", "p")).isEmpty(), "gone already");
    }

    /**
     * A replicated cache seen from one node: reads from this node's copy; conditional writes
     * decided on the owner's copy; a write that is made reaches both.
     */
    private static final class Copies extends AbstractMap<String, String>
            implements ConcurrentMap<String, String> {

        final Map<String, String> local = new HashMap<>();
        final Map<String, String> owner = new HashMap<>();

        @Override
        public synchronized String get(Object key) {
            return local.get(key);
        }

        @Override
        public synchronized String put(String key, String value) {
            local.put(key, value);
            return owner.put(key, value);
        }

        @Override
        public synchronized String remove(Object key) {
            local.remove(key);
            return owner.remove(key);
        }

        @Override
        public synchronized String putIfAbsent(String key, String value) {
            String there = owner.get(key);
            if (there == null) {
                put(key, value);
            }
            return there;
        }

        @Override
        public synchronized boolean remove(Object key, Object value) {
            if (!Objects.equals(owner.get(key), value)) {
                return false;
            }
            remove(key);
            return true;
        }

        @Override
        public synchronized boolean replace(String key, String oldValue, String newValue) {
            if (!Objects.equals(owner.get(key), oldValue)) {
                return false;
            }
            put(key, newValue);
            return true;
        }

        @Override
        public synchronized String replace(String key, String value) {
            return owner.containsKey(key) ? put(key, value) : null;
        }

        @Override
        public synchronized Set<Entry<String, String>> entrySet() {
            return Map.copyOf(local).entrySet();
        }
    }
}
