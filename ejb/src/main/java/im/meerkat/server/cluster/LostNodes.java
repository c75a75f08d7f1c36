package im.meerkat.server.cluster;

import im.meerkat.server.routing.Delivery;
import im.meerkat.server.session.HeldSessions;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes the session records of a node that left the cluster or died, and sends the unavailable
 * presence its users' other resources expect (RFC 6121 §4.5.2; architecture invariant 6).
 *
 * <p>Every remaining node runs this for a lost node. The removal of each record is conditional
 * (the table's compare-and-set), so exactly one node removes a given record and only that node
 * sends its presence: running it everywhere, or twice, is safe.
 */
@ApplicationScoped
public class LostNodes {

    private static final Logger LOG = Logger.getLogger(LostNodes.class.getName());

    private SessionRegistry sessions;
    private Delivery delivery;
    private Iterable<LostSessionObserver> observers;
    /** By member: the streams of its records that its last listing lacked ({@link #leftOver}). */
    private final Map<String, Set<ChannelId>> unlisted = new ConcurrentHashMap<>();

    /** For the container's proxy. */
    protected LostNodes() {
    }

    @Inject
    public LostNodes(SessionRegistry sessions, Delivery delivery,
            Instance<LostSessionObserver> observers) {
        this(sessions, delivery, (Iterable<LostSessionObserver>) observers);
    }

    /** For tests. */
    public LostNodes(SessionRegistry sessions, Delivery delivery,
            Iterable<LostSessionObserver> observers) {
        this.sessions = sessions;
        this.delivery = delivery;
        this.observers = observers;
    }

    /**
     * Removes every record that names the node.
     *
     * @return the full JIDs whose records this call removed (not those another node removed)
     */
    public List<Jid> purge(String node) {
        List<Jid> removed = new ArrayList<>();
        for (Map.Entry<Jid, SessionRecord> e : sessions.table().all().entrySet()) {
            SessionRecord r = e.getValue();
            if (!r.channel().node().equals(node)) {
                continue;
            }
            Jid full = e.getKey();
            if (sessions.table().remove(full, r.channel()).isPresent()) {
                removed.add(full);
                gone(full, r);
            }
        }
        if (!removed.isEmpty()) {
            LOG.info(() -> "removed " + removed.size() + " sessions of lost node " + node);
        }
        return removed;
    }

    /**
     * After a partition heals, a member told this node which sessions it holds
     * ({@link HeldSessions}; docs/CLUSTER.md, "Partitions and merge"). A record in this node's
     * copy of the table that names the member and a stream it did not list, of a session bound
     * before its listing, is left over: the session ended while this node's copy was cut off from
     * the member's writes (a node suspended past failure detection never purged the other side's
     * records). It is removed, also from this node's copy when the entry's owner lacks it
     * ({@link im.meerkat.server.session.SessionTable#discard}), with the unavailable presence
     * of a lost session: this node's users, and any contact whose node kept the record, were not
     * told the session ended; those who were get it twice, which changes nothing for them.
     *
     * <p>A record goes only when two listings of the member in a row lacked it: a session the
     * member takes over from another node (XEP-0198 §5) just after its listing is named in the
     * table with its old bind time before the member lists it, and the next listing holds it
     * (or lowers its horizon below that bind time).
     *
     * @return the full JIDs whose records this call removed from this node's copy
     */
    public synchronized List<Jid> leftOver(HeldSessions listing) {
        Set<ChannelId> listed = listing.channels();
        Set<ChannelId> before = unlisted.getOrDefault(listing.node(), Set.of());
        Set<ChannelId> now = new HashSet<>();
        List<Jid> removed = new ArrayList<>();
        int firstSeen = 0;
        for (Map.Entry<Jid, SessionRecord> e : sessions.table().all().entrySet()) {
            SessionRecord r = e.getValue();
            if (!listing.leftOver(r, listed)) {
                continue;
            }
            now.add(r.channel());
            if (!before.contains(r.channel())) {
                firstSeen++;
                continue;
            }
            Jid full = e.getKey();
            Optional<SessionRecord> discarded = sessions.table().discard(full, r.channel());
            if (discarded.isPresent()) {
                removed.add(full);
                gone(full, discarded.get());
            }
        }
        unlisted.put(listing.node(), now);
        if (firstSeen > 0) {
            int waiting = firstSeen;
            LOG.info(() -> "after a merge: " + waiting + " records of node " + listing.node()
                    + " name sessions it did not list; they go if its next list lacks them too");
        }
        if (!removed.isEmpty()) {
            LOG.info(() -> "after a merge: removed " + removed.size() + " records of sessions"
                    + " that node " + listing.node() + " no longer holds");
        }
        return removed;
    }

    private void gone(Jid full, SessionRecord record) {
        if (record.available()) {
            Presence unavailable = Presence.builder().type(Presence.Type.UNAVAILABLE).from(full)
                    .build();
            for (SessionRecord other : sessions.records(full)) {
                Jid to = full.withResource(other.resource());
                if (other.available() && !to.equals(full)) {
                    delivery.toSession(to, unavailable.withTo(to));
                }
            }
        }
        for (LostSessionObserver o : observers) {
            try {
                o.lost(full, record);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "observer failed for lost session " + full, ex);
            }
        }
    }
}
