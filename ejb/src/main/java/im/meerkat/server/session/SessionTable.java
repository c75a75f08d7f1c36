package im.meerkat.server.session;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * The cluster-wide session table: one entry per account with at least one bound resource, keyed
 * by bare JID, holding every {@link SessionRecord} of that account. Each record names the node
 * and stream that own it (architecture invariant 6).
 *
 * <p>All writes are conditional ({@code putIfAbsent}, {@code replace(key, old, new)}, {@code
 * remove(key, old)}) and retried when another writer got there first, so concurrent binds on
 * several nodes never lose an entry and need no lock. In production the map is the replicated
 * Infinispan cache {@code java:jboss/infinispan/cache/xmpp/sessions}; tests pass any
 * {@link ConcurrentMap}.
 */
public class SessionTable {

    /** How often {@link #discard} starts over when other writers change the entry meanwhile. */
    private static final int DISCARD_ATTEMPTS = 8;

    private final ConcurrentMap<String, String> entries;

    public SessionTable(ConcurrentMap<String, String> entries) {
        this.entries = Objects.requireNonNull(entries, "entries");
    }

    /** Every session of an account, in binding order; empty when none is bound. */
    public List<SessionRecord> sessions(Jid account) {
        return SessionRecord.decodeAll(entries.get(key(account)));
    }

    /** The session of a full JID, wherever it is held. */
    public Optional<SessionRecord> session(Jid fullJid) {
        String resource = fullJid.resourceOrNull();
        for (SessionRecord r : sessions(fullJid)) {
            if (r.resource().equals(resource)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Adds a session unless its resource is bound already.
     *
     * @return the session holding the resource when it was taken, else empty (added)
     */
    public Optional<SessionRecord> addIfAbsent(Jid account, SessionRecord record) {
        SessionRecord[] existing = new SessionRecord[1];
        modify(account, list -> {
            existing[0] = find(list, record.resource());
            if (existing[0] == null) {
                list.add(record);
            }
            return list;
        });
        return Optional.ofNullable(existing[0]);
    }

    /**
     * Adds a session, taking its resource from any session that holds it (RFC 6120 §7.7.2.2,
     * the new session wins).
     *
     * @return the session that was replaced, if any
     */
    public Optional<SessionRecord> put(Jid account, SessionRecord record) {
        SessionRecord[] replaced = new SessionRecord[1];
        modify(account, list -> {
            replaced[0] = find(list, record.resource());
            if (replaced[0] != null) {
                list.remove(replaced[0]);
            }
            list.add(record);
            return list;
        });
        return Optional.ofNullable(replaced[0]);
    }

    /** Removes the session held by this stream, if the table still has it. */
    public Optional<SessionRecord> remove(Jid account, ChannelId channel) {
        SessionRecord[] removed = new SessionRecord[1];
        modify(account, list -> {
            removed[0] = null; // a retried change starts over
            for (SessionRecord r : list) {
                if (r.channel().equals(channel)) {
                    removed[0] = r;
                    list.remove(r);
                    break;
                }
            }
            return list;
        });
        return Optional.ofNullable(removed[0]);
    }

    /**
     * Removes a record that this node's copy holds and that is known to be left over (after a
     * partition heals, docs/CLUSTER.md, "Partitions and merge"), from the owner's value as
     * {@link #remove} does, and also from this node's copy when the owner's value holds no such
     * record: this node's copy then becomes the owner's value again, written back with a
     * compare-and-set, so that this node no longer counts the session.
     *
     * @return the record that this node's copy held and no longer holds; empty when it held none,
     *     or another writer kept changing the entry
     */
    public Optional<SessionRecord> discard(Jid account, ChannelId channel) {
        String key = key(account);
        for (int attempt = 0; attempt < DISCARD_ATTEMPTS; attempt++) {
            Optional<SessionRecord> removed = remove(account, channel);
            if (removed.isPresent()) {
                return removed;
            }
            String here = entries.get(key);
            SessionRecord stale = find(SessionRecord.decodeAll(here), channel);
            if (stale == null) {
                return Optional.empty();
            }
            String there = entries.putIfAbsent(key, here);
            if (there == null || find(SessionRecord.decodeAll(there), channel) != null) {
                continue; // the owner's value holds it now: the removal goes through next time
            }
            if (entries.replace(key, there, there)
                    && find(SessionRecord.decodeAll(entries.get(key)), channel) == null) {
                return Optional.of(stale);
            }
        }
        return Optional.empty();
    }

    /** Changes the session held by this stream; false when the table no longer has it. */
    public boolean update(Jid account, ChannelId channel, UnaryOperator<SessionRecord> change) {
        boolean[] found = new boolean[1];
        modify(account, list -> {
            found[0] = false;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).channel().equals(channel)) {
                    list.set(i, change.apply(list.get(i)));
                    found[0] = true;
                    break;
                }
            }
            return list;
        });
        return found[0];
    }

    /**
     * Removes every record that names a node, as when that node starts afresh or has left the
     * cluster (architecture invariant 6).
     *
     * @return the full JIDs of the removed sessions
     */
    public List<Jid> removeNode(String node) {
        List<Jid> removed = new ArrayList<>();
        for (String key : List.copyOf(entries.keySet())) {
            Jid account = Jid.of(key);
            modify(account, list -> {
                removed.removeIf(j -> j.isSameBare(account)); // a retried change starts over
                list.removeIf(r -> {
                    if (r.channel().node().equals(node)) {
                        removed.add(account.withResource(r.resource()));
                        return true;
                    }
                    return false;
                });
                return list;
            });
        }
        return removed;
    }

    /**
     * Writes this node's copy of an account's entry again, unconditionally, so that every node
     * holds it: after a partition the copies may differ, and a compare-and-set against this
     * node's copy would find nothing to change.
     */
    public void rewrite(Jid account) {
        String value = entries.get(key(account));
        if (value != null) {
            entries.put(key(account), value);
        }
    }

    /** Every session of the cluster by full JID, sorted. */
    public Map<Jid, SessionRecord> all() {
        Map<Jid, SessionRecord> all = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            Jid account = Jid.of(e.getKey());
            for (SessionRecord r : SessionRecord.decodeAll(e.getValue())) {
                all.put(account.withResource(r.resource()), r);
            }
        }
        return all;
    }

    private static SessionRecord find(List<SessionRecord> list, ChannelId channel) {
        for (SessionRecord r : list) {
            if (r.channel().equals(channel)) {
                return r;
            }
        }
        return null;
    }

    private static SessionRecord find(List<SessionRecord> list, String resource) {
        for (SessionRecord r : list) {
            if (r.resource().equals(resource)) {
                return r;
            }
        }
        return null;
    }

    private static String key(Jid account) {
        return account.bare().toString();
    }

    /**
     * Applies a change to one account's entry with compare-and-set, retrying when another
     * writer changed the entry in between. The change runs on a fresh copy each time.
     *
     * <p>Reads come from this node's copy, and a conditional write is decided by the entry's
     * owner. After a partition heals the two may differ for a while (the cache does not always
     * reconcile them; docs/CLUSTER.md, "Partitions and merge"), and a write refused while this
     * node's copy stays as it was would be refused forever: the change is then applied to the
     * owner's value, which {@code putIfAbsent} returns; where the owner has none, this node's copy
     * is written as the owner's first.
     */
    private void modify(Jid account, UnaryOperator<List<SessionRecord>> change) {
        String key = key(account);
        String old = entries.get(key);
        while (true) {
            List<SessionRecord> list = change.apply(new ArrayList<>(SessionRecord.decodeAll(old)));
            String updated = list.isEmpty() ? null : SessionRecord.encodeAll(list);
            if (Objects.equals(old, updated)) {
                return;
            }
            if (old == null) {
                String there = entries.putIfAbsent(key, updated);
                if (there == null) {
                    return;
                }
                old = there;
                continue;
            }
            boolean done = updated == null ? entries.remove(key, old)
                    : entries.replace(key, old, updated);
            if (done) {
                return;
            }
            String now = entries.get(key);
            if (Objects.equals(now, old)) {
                String there = entries.putIfAbsent(key, old);
                now = there == null ? old : there;
            }
            old = now;
        }
    }
}
