package im.meerkat.server.blocking;

import im.meerkat.xmpp.jid.Jid;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Block lists by owner, so that routing does not read the database for each stanza. In
 * production the map is the replicated Infinispan cache {@code java:jboss/infinispan/cache/xmpp/blocklists},
 * so a change made on one node is seen by every node at once; tests pass any {@link
 * ConcurrentMap}. Values are {@link BlockList#encode()} text (empty for a user without blocks),
 * so that the cache needs no application classes.
 *
 * <p>Writers put the new list while they hold the owner's lock in the database transaction, so
 * puts for one owner happen in the order of the changes. A reader that misses loads the list and
 * adds it only if no writer put one in the meantime ({@code putIfAbsent}), so an old list read
 * before a change never replaces the new one.
 */
public class BlockListCache {

    private final ConcurrentMap<String, String> entries;
    /** The last list read per owner, with its text: most stanzas find an unchanged list. */
    private final ConcurrentMap<String, Decoded> decoded = new ConcurrentHashMap<>();

    private record Decoded(String text, BlockList list) {
    }

    public BlockListCache(ConcurrentMap<String, String> entries) {
        this.entries = Objects.requireNonNull(entries, "entries");
    }

    /** The owner's list; on a miss, the loader's, which is then cached unless a writer was first. */
    public BlockList get(Jid owner, Supplier<BlockList> loader) {
        String key = owner.bare().toString();
        String text = entries.get(key);
        if (text == null) {
            String loaded = loader.get().encode();
            String raced = entries.putIfAbsent(key, loaded);
            text = raced == null ? loaded : raced;
        }
        Decoded last = decoded.get(key);
        if (last != null && last.text().equals(text)) {
            return last.list();
        }
        BlockList list = BlockList.decode(text);
        decoded.put(key, new Decoded(text, list));
        return list;
    }

    /** The owner's list after a change. */
    public void put(Jid owner, BlockList list) {
        entries.put(owner.bare().toString(), list.encode());
    }

    /** Forgets the owner, whose account is gone. */
    public void remove(Jid owner) {
        entries.remove(owner.bare().toString());
        decoded.remove(owner.bare().toString());
    }
}
