package im.meerkat.server.session;

import im.meerkat.server.routing.NoRemoteSessions;
import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.InvalidJidException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.xml.Element;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sessions of this node and their entries in the cluster-wide {@link SessionTable}: resource
 * binding with conflict resolution (RFC 6120 §7.7.2.2, the newest session wins), lookup for
 * routing, presence state, and ending sessions.
 *
 * <p>Lookups are lock-free. Binding and ending take one lock of a fixed set chosen by the bare
 * JID, so that the table entry and the node-local maps of one account change together while
 * other accounts proceed in parallel. Streams are closed and observers told outside the lock.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());
    private static final int LOCK_STRIPES = 64;
    private static final String RESOURCE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int GENERATED_RESOURCE_LENGTH = 12;

    private SessionTable table;
    private RemoteSessions remote = new NoRemoteSessions();
    private Iterable<SessionObserver> observers;
    private String node;
    private Clock clock;
    private final Map<ChannelId, LocalSession> byChannel = new ConcurrentHashMap<>();
    private final Map<Jid, LocalSession> byJid = new ConcurrentHashMap<>();
    /** What this node last wrote to the table for each of its sessions, to write it again. */
    private final Map<ChannelId, SessionRecord> written = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final SecureRandom random = new SecureRandom();

    /** For the container's proxy. */
    protected SessionRegistry() {
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @Inject
    public SessionRegistry(SessionTable table, Instance<SessionObserver> observers) {
        this(table, observers, System.getProperty("jboss.node.name", "local"), Clock.systemUTC());
    }

    /** For tests: any observers, node name and clock. */
    public SessionRegistry(SessionTable table, Iterable<SessionObserver> observers, String node,
            Clock clock) {
        this();
        this.table = table;
        this.observers = observers;
        this.node = node;
        this.clock = clock;
    }

    /** Sessions held by other nodes are ended through the cluster. */
    @Inject
    void useRemote(RemoteSessions remoteSessions) {
        this.remote = remoteSessions;
    }

    /**
     * A node that starts has no streams yet: records naming it are left over from before a crash
     * or restart and would make its users look online.
     */
    @PostConstruct
    void dropStaleRecords() {
        List<Jid> stale = table.removeNode(node);
        if (!stale.isEmpty()) {
            LOG.info(() -> "removed " + stale.size() + " stale sessions of node " + node);
        }
    }

    /** This node's name ({@code jboss.node.name}), as session records carry it. */
    public String node() {
        return node;
    }

    public SessionTable table() {
        return table;
    }

    /**
     * Binds a resource (RFC 6120 §7.6): generates one when none is asked for, enforces the
     * OpaqueString profile on a requested one, and replaces a session that holds it already,
     * which is ended with {@code <conflict/>}.
     */
    public LocalSession bind(Jid account, String resource, StreamChannel channel)
            throws StanzaErrorException {
        Jid bare = account.bare();
        if (bare.localOrNull() == null) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED,
                    "only accounts bind resources");
        }
        LocalSession replaced = null;
        SessionRecord replacedElsewhere = null;
        LocalSession session;
        ReentrantLock lock = lockFor(bare);
        lock.lock();
        try {
            // Under the lock, for held(): a record of this node bound before its listing is listed
            long now = clock.millis();
            if (byChannel.containsKey(channel.id())) {
                throw new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED,
                        "this stream has bound a resource already");
            }
            if (resource == null || resource.isEmpty()) {
                session = bindGenerated(bare, channel, now);
            } else {
                Jid full;
                try {
                    full = Jid.of(bare.localOrNull(), bare.domain(), resource);
                } catch (InvalidJidException e) {
                    throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                            "resource not acceptable: " + e.getMessage());
                }
                session = new LocalSession(full, channel, now);
                written.put(channel.id(), record(session));
                Optional<SessionRecord> old = table.put(bare, record(session));
                if (old.isPresent()) {
                    replaced = removeLocal(old.get().channel());
                    if (replaced == null && !old.get().channel().node().equals(node)) {
                        replacedElsewhere = old.get();
                    }
                }
            }
            byChannel.put(channel.id(), session);
            byJid.put(session.jid(), session);
        } finally {
            lock.unlock();
        }
        StreamError conflict = StreamError.of(StreamErrorCondition.CONFLICT,
                "another session bound this resource");
        if (replaced != null) {
            finish(replaced, conflict);
        }
        if (replacedElsewhere != null && !remote.end(replacedElsewhere, conflict)) {
            SessionRecord old = replacedElsewhere;
            LOG.warning(() -> session.jid() + " was bound on node " + old.channel().node()
                    + ", which could not be told to close that stream");
        }
        return session;
    }

    private LocalSession bindGenerated(Jid bare, StreamChannel channel, long now) {
        while (true) {
            Jid full = bare.withResource(generateResource());
            LocalSession session = new LocalSession(full, channel, now);
            if (table.addIfAbsent(bare, record(session)).isEmpty()) {
                written.put(channel.id(), record(session));
                return session;
            }
        }
    }

    private String generateResource() {
        char[] chars = new char[GENERATED_RESOURCE_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = RESOURCE_ALPHABET.charAt(random.nextInt(RESOURCE_ALPHABET.length()));
        }
        return new String(chars);
    }

    private SessionRecord record(LocalSession s) {
        StreamChannel c = s.channel();
        String address = c.remote() == null ? "-"
                : c.remote().getHostString() + ":" + c.remote().getPort();
        return new SessionRecord(s.jid().resourceOrNull(), c.id(), c.transport(), address,
                s.since(), false, 0);
    }

    /** The session bound to a stream of this node, or null. */
    public LocalSession session(ChannelId channel) {
        return byChannel.get(channel);
    }

    /** The session of a full JID when this node holds it, or null. */
    public LocalSession local(Jid fullJid) {
        return byJid.get(fullJid);
    }

    /** This node's sessions of an account (bare JID) or of one full JID. */
    public List<LocalSession> locals(Jid jid) {
        if (jid.isFull()) {
            LocalSession s = byJid.get(jid);
            return s == null ? List.of() : List.of(s);
        }
        List<LocalSession> result = new ArrayList<>();
        for (SessionRecord r : table.sessions(jid)) {
            LocalSession s = byChannel.get(r.channel());
            if (s != null) {
                result.add(s);
            }
        }
        return result;
    }

    /** Every session of an account in the cluster. */
    public List<SessionRecord> records(Jid account) {
        return table.sessions(account);
    }

    /**
     * Records the session's broadcast presence in the table, where bare-JID routing reads its
     * availability and priority and every node its current presence for contacts.
     *
     * @param last the available presence, or null when the session went unavailable
     */
    public void presenceChanged(LocalSession session, Presence last) {
        change(session, r -> r.withPresence(last));
    }

    /**
     * The current presence of an available resource of any node (RFC 6121 §4.2.3, §4.3.2), from
     * its full JID and without {@code to}: this node's session's own, else what its record
     * carries.
     */
    public Presence currentPresence(Jid fullJid, SessionRecord record) {
        LocalSession local = byJid.get(fullJid);
        Presence own = local == null ? null : local.presence();
        return own != null ? own.withFrom(fullJid) : record.lastPresence(fullJid);
    }

    /** Records in the table whether the session enabled carbons (XEP-0280), for every node's routing. */
    public void carbonsChanged(LocalSession session, boolean enabled) {
        change(session, r -> r.withCarbons(enabled));
    }

    /** Records in the table the capabilities ({@code node#ver}, or empty) the session announced (XEP-0115). */
    public void capsChanged(LocalSession session, String caps) {
        change(session, r -> r.withCaps(caps));
    }

    private void change(LocalSession session, UnaryOperator<SessionRecord> change) {
        written.computeIfPresent(session.channelId(), (id, r) -> change.apply(r));
        table.update(session.jid(), session.channelId(), change);
    }

    /**
     * After a partition heals (docs/CLUSTER.md, "Partitions and merge"): writes the record of
     * each session of this node back into the table when the other side removed it, and
     * resolves a full JID that a session of another node took meanwhile as a resource conflict
     * (RFC 6120 §7.7.2.2): the session bound later stays, the other ends with
     * {@code <conflict/>}. This node's losing sessions end here; the others are returned for
     * their nodes to end. Conflicts are normally settled before, between the two nodes
     * ({@link #settle}); what this pass finds in the table covers a node that did not answer.
     */
    public MergeOutcome reassert() {
        List<LocalSession> restored = new ArrayList<>();
        List<LocalSession> inPlace = new ArrayList<>();
        List<LocalSession> lost = new ArrayList<>();
        List<SessionRecord> beaten = new ArrayList<>();
        for (LocalSession session : List.copyOf(byChannel.values())) {
            try {
                reassert(session, restored, inPlace, lost, beaten);
            } catch (RuntimeException e) {
                // One entry the cache refuses (during its own merge) must not stop the others
                LOG.log(Level.WARNING, "after a merge: the record of " + session
                        + " not written back; the next pass tries again", e);
            }
        }
        StreamError conflict = StreamError.of(StreamErrorCondition.CONFLICT,
                "a session bound later on another node holds this resource");
        for (LocalSession session : lost) {
            finish(session, conflict);
        }
        if (!restored.isEmpty() || !lost.isEmpty()) {
            LOG.info(() -> "after a merge: " + restored.size() + " sessions written back, "
                    + inPlace.size() + " in place written again, " + lost.size()
                    + " ended by a conflict here, " + beaten.size() + " to end on other nodes");
        }
        return new MergeOutcome(restored, inPlace, lost, beaten);
    }

    /** Under the account's lock: one session's part of {@link #reassert()}. */
    private void reassert(LocalSession session, List<LocalSession> restored,
            List<LocalSession> inPlace, List<LocalSession> lost, List<SessionRecord> beaten) {
        ReentrantLock lock = lockFor(session.jid().bare());
        lock.lock();
        try {
            SessionRecord mine = written.get(session.channelId());
            if (mine == null || byChannel.get(session.channelId()) != session) {
                return; // ended meanwhile
            }
            Optional<SessionRecord> other = table.addIfAbsent(session.jid(), mine);
            if (other.isEmpty()) {
                restored.add(session);
            } else if (other.get().equals(mine)) {
                // In place here, maybe not on the other side's copies
                table.rewrite(session.jid());
                inPlace.add(session);
            } else if (other.get().channel().equals(mine.channel())) {
                // This node's copy holds another version of it: this node's is the one it wrote
                table.put(session.jid(), mine);
                table.rewrite(session.jid());
                restored.add(session);
            } else if (MergeOutcome.boundLater(other.get(), mine)) {
                removeLocal(session.channelId());
                if (other.get().available()) {
                    // The full JID stays available: no unavailable presence for it
                    session.presence(null);
                }
                lost.add(session);
            } else {
                table.put(session.jid(), mine);
                beaten.add(other.get());
                restored.add(session);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * This node's sessions as it last wrote them to the table, by full JID: what it tells the
     * other nodes after a partition heals, so that a full JID bound on both sides is found
     * whatever the cache kept of either record, and a record of this node that the listing lacks
     * is known to be left over (docs/CLUSTER.md, "Partitions and merge").
     *
     * <p>The listing is taken under every account's lock, and a bind reads the clock under its
     * account's lock: every session of this node bound before {@link HeldSessions#asOf()} is
     * listed unless it has ended. A session this node is taking over from another (XEP-0198 §5,
     * {@link #adopt}) is not listed yet and keeps its old bind time: {@code asOf} is then no
     * later than that time.
     */
    public HeldSessions held() {
        for (ReentrantLock lock : locks) {
            lock.lock();
        }
        try {
            long asOf = clock.millis();
            Map<Jid, SessionRecord> held = new HashMap<>();
            for (LocalSession session : byChannel.values()) {
                SessionRecord mine = written.get(session.channelId());
                if (mine != null && byJid.get(session.jid()) == session) {
                    held.put(session.jid(), mine);
                } else {
                    asOf = Math.min(asOf, session.since());
                }
            }
            return new HeldSessions(node, asOf, held);
        } finally {
            for (int i = locks.length - 1; i >= 0; i--) {
                locks[i].unlock();
            }
        }
    }

    /**
     * After a partition heals: another node holds a session of a full JID that this node may
     * hold too. The conflict rule ({@link MergeOutcome#boundLater}; RFC 6120 §7.7.2.2) decides
     * on what the two nodes hold, not on what the cache kept: when the other session was bound
     * later, this node's session ends here with {@code <conflict/>}; otherwise it stays and the
     * other node must end its own, which it does when it learns of this node's record.
     *
     * @return this node's record when its session of the full JID stays against the other; null
     *     when this node holds none (any more) or it just ended
     */
    public SessionRecord settle(Jid fullJid, SessionRecord other) {
        LocalSession session = byJid.get(fullJid);
        if (session == null) {
            return null;
        }
        ReentrantLock lock = lockFor(fullJid.bare());
        lock.lock();
        try {
            SessionRecord mine = written.get(session.channelId());
            if (mine == null || byJid.get(fullJid) != session) {
                return null;
            }
            if (other.channel().equals(mine.channel()) || !MergeOutcome.boundLater(other, mine)) {
                return mine;
            }
            removeLocal(session.channelId());
            if (other.available()) {
                // The full JID stays available on the other node: no unavailable presence for it
                session.presence(null);
            }
        } finally {
            lock.unlock();
        }
        LOG.info(() -> "after a merge: " + fullJid + " is bound on node " + other.channel().node()
                + " too, later; the session of this node ends with <conflict/>");
        finish(session, StreamError.of(StreamErrorCondition.CONFLICT,
                "a session bound later on another node holds this resource"));
        return null;
    }

    /**
     * Ends the session of a stream that is over: removes it and tells the observers. Does nothing
     * for an unknown stream or one already ended.
     */
    public void unbind(ChannelId channel) {
        unbind(channel, session -> { });
    }

    /**
     * Ends the session of a stream that is over, running {@code afterRemoval} once the session has
     * left the table and before the observers are told (so before contacts see it unavailable).
     *
     * @return false for an unknown stream or one already ended ({@code afterRemoval} did not run)
     */
    public boolean unbind(ChannelId channel, Consumer<LocalSession> afterRemoval) {
        LocalSession session = removeLocked(channel);
        if (session == null) {
            return false;
        }
        try {
            afterRemoval.accept(session);
        } finally {
            finish(session, null);
        }
        return true;
    }

    /**
     * A session of this node is resumed on another node (XEP-0198 §5, docs/CLUSTER.md): its
     * record in the table now names the stream {@code target} there, keeping presence, carbons
     * and capabilities, and this node forgets it without telling anyone it ended (no unavailable
     * presence). The record changes first, so that a stanza this node refuses from now on is
     * routed again to the new stream.
     *
     * @return the session as it was here, or null when this node no longer holds it
     */
    public LocalSession handOver(ChannelId channel, ChannelId target, String transport,
            String address) {
        LocalSession session = byChannel.get(channel);
        if (session == null) {
            return null;
        }
        ReentrantLock lock = lockFor(session.jid().bare());
        lock.lock();
        try {
            if (byChannel.get(channel) != session) {
                return null;
            }
            table.update(session.jid(), channel, r -> r.movedTo(target, transport, address));
            byChannel.remove(channel);
            byJid.remove(session.jid(), session);
            written.remove(channel);
        } finally {
            lock.unlock();
        }
        for (SessionObserver o : observers) {
            try {
                o.movedAway(session);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "observer failed for " + session, e);
            }
        }
        return session;
    }

    /**
     * The first step of taking over a session another node holds (XEP-0198 §5): a session of
     * this node for {@code fullJid} on {@code channel}, known here but not yet in the table, that
     * holds every stanza routed to it ({@link LocalSession#holdLive}) until the stanzas the client
     * had not acknowledged are written. Then {@link #adopted} or {@link #abandon}.
     *
     * @return the session, or null when this node holds the full JID or the stream already
     */
    public LocalSession adopt(Jid fullJid, StreamChannel channel, long since) {
        ReentrantLock lock = lockFor(fullJid.bare());
        lock.lock();
        try {
            if (byChannel.containsKey(channel.id()) || byJid.containsKey(fullJid)) {
                return null;
            }
            LocalSession session = new LocalSession(fullJid, channel, since);
            session.holdLive();
            // By channel only: what reaches it comes through the record the other node moves
            // here; lookups by full JID find it once adopted
            byChannel.put(channel.id(), session);
            return session;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The other node handed the session over: the record it moved to this node's stream is
     * remembered as this node's own; when the table had lost it, it is written again.
     */
    public void adopted(LocalSession session) {
        ReentrantLock lock = lockFor(session.jid().bare());
        lock.lock();
        try {
            Optional<SessionRecord> moved = table.session(session.jid())
                    .filter(r -> r.channel().equals(session.channelId()));
            SessionRecord mine = moved.orElseGet(() -> {
                SessionRecord fresh = record(session);
                table.put(session.jid().bare(), fresh);
                return fresh;
            });
            written.put(session.channelId(), mine);
            byJid.put(session.jid(), session);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The other node did not hand the session over: it is forgotten, nobody is told.
     *
     * @return the stanzas routed to it meanwhile, to be handled as undelivered (normally none)
     */
    public List<Element> abandon(LocalSession session) {
        ReentrantLock lock = lockFor(session.jid().bare());
        lock.lock();
        try {
            byChannel.remove(session.channelId(), session);
            byJid.remove(session.jid(), session);
            table.remove(session.jid(), session.channelId());
        } finally {
            lock.unlock();
        }
        return session.abandonHeld();
    }

    /**
     * Ends the sessions of an account (bare JID) or of one full JID that other nodes hold, each
     * with one cluster command to its node.
     *
     * @return how many the other nodes ended
     */
    public int endElsewhere(Jid jid, StreamError error) {
        int ended = 0;
        for (SessionRecord r : table.sessions(jid)) {
            boolean selected = !jid.isFull() || r.resource().equals(jid.resourceOrNull());
            if (selected && !r.channel().node().equals(node) && remote.end(r, error)) {
                ended++;
            }
        }
        return ended;
    }

    /** Ends a session of this node and closes its stream with the given error. */
    public boolean end(LocalSession session, StreamError error) {
        LocalSession removed = removeLocked(session.channelId());
        if (removed == null) {
            return false;
        }
        finish(removed, error);
        return true;
    }

    private LocalSession removeLocked(ChannelId channel) {
        LocalSession session = byChannel.get(channel);
        if (session == null) {
            return null;
        }
        ReentrantLock lock = lockFor(session.jid().bare());
        lock.lock();
        try {
            return removeLocal(channel);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the account's lock: drops a local session from the maps and the table. The session
     * is gone from this node even when the table refuses the removal, so that its caller goes on
     * to close the stream.
     */
    private LocalSession removeLocal(ChannelId channel) {
        LocalSession session = byChannel.remove(channel);
        if (session == null) {
            return null;
        }
        byJid.remove(session.jid(), session);
        written.remove(channel);
        try {
            table.remove(session.jid(), channel);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the record of " + session + " stays in the session table", e);
        }
        return session;
    }

    private void finish(LocalSession session, StreamError error) {
        for (SessionObserver o : observers) {
            try {
                o.ended(session);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "observer failed for " + session, e);
            }
        }
        if (error != null) {
            session.channel().close(error);
        }
    }

    private ReentrantLock lockFor(Jid bare) {
        return locks[Math.floorMod(bare.hashCode(), LOCK_STRIPES)];
    }
}
