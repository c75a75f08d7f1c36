package im.meerkat.server.cluster;

import im.meerkat.server.presence.PresenceService;
import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.session.HeldSessions;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.MergeOutcome;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a node does when a partition of the cluster heals (a JGroups merge view; docs/CLUSTER.md,
 * "Partitions and merge"). During the partition each side removed the other side's records and
 * told their contacts that those users went offline, although their streams stayed connected.
 *
 * <p>Each pass first tells every other member which sessions this node holds
 * ({@link HeldSessionsCommand}): a full JID bound on both sides is a resource conflict (the
 * session bound later stays, the other ends with {@code <conflict/>}, RFC 6120 §7.7.2.2), decided
 * on what the two nodes hold, because the session cache may have kept either record, both or
 * none; and the receiving node removes records of this node's sessions that ended meanwhile. Then
 * the node writes its own sessions back ({@link SessionRegistry#reassert()}), which also settles
 * by the table a conflict with a node that did not answer, and sends the presence of its sessions
 * again, so that contacts who saw them go unavailable see them available: each session's once per
 * merge view, to the resources its broadcast reaches then; in a later pass of the same merge, in
 * full again only when that pass found its record missing or different (someone may have told its
 * contacts it ended), else only to the resources whose records have come into the table since the
 * previous pass (the other side's sessions written back after this node's broadcast).
 *
 * <p>Running it twice is harmless: a record in place is written again, without presence.
 */
@ApplicationScoped
public class PartitionMerge {

    private static final Logger LOG = Logger.getLogger(PartitionMerge.class.getName());

    private SessionRegistry sessions;
    private RemoteSessions remote;
    private PresenceService presence;
    private ClusterService cluster;
    /** This node's streams whose presence went out in full since the last merge view. */
    private final Set<ChannelId> broadcast = new HashSet<>();
    /** The streams of the available records in this node's copy at the previous pass. */
    private Set<ChannelId> reached = Set.of();
    /** How many merge views this node has had, and the one the state above belongs to. */
    private final AtomicLong merges = new AtomicLong();
    private long passesOf;

    /** For the container's proxy. */
    protected PartitionMerge() {
    }

    @Inject
    public PartitionMerge(SessionRegistry sessions, RemoteSessions remote,
            PresenceService presence, ClusterService cluster) {
        this.sessions = sessions;
        this.remote = remote;
        this.presence = presence;
        this.cluster = cluster;
    }

    /**
     * A new merge view: every session's presence goes out once more in the passes that follow.
     * Called on the thread that delivers views, so it does not wait for a pass.
     */
    public void merged() {
        merges.incrementAndGet();
    }

    /**
     * Settles conflicts with the other nodes, writes this node's sessions back and sends their
     * presence where it has not gone since the merge view. Passes run one at a time.
     */
    public synchronized MergeOutcome heal() {
        long merge = merges.get();
        if (merge != passesOf) {
            passesOf = merge;
            broadcast.clear();
            reached = Set.of();
        }
        settleWithOtherNodes();
        MergeOutcome outcome = sessions.reassert();
        StreamError conflict = StreamError.of(StreamErrorCondition.CONFLICT,
                "a session bound later on another node holds this resource");
        for (SessionRecord beaten : outcome.beaten()) {
            // The losing node may have ended it already, in its own pass: then this is a no-op.
            remote.end(beaten, conflict);
        }
        // Taken before anything goes out: a record that comes in meanwhile counts as new next time
        Map<Jid, SessionRecord> table = sessions.table().all();
        Map<Jid, List<Jid>> newcomers = new HashMap<>();
        Set<ChannelId> now = new HashSet<>();
        for (Map.Entry<Jid, SessionRecord> e : table.entrySet()) {
            SessionRecord r = e.getValue();
            if (r.available() && !r.channel().node().equals(sessions.node())) {
                now.add(r.channel());
                if (!reached.contains(r.channel())) {
                    newcomers.computeIfAbsent(e.getKey().bare(), a -> new ArrayList<>())
                            .add(e.getKey());
                }
            }
        }
        int broadcasts = 0;
        int resent = 0;
        for (LocalSession session : outcome.restored()) {
            broadcasts += broadcast(session);
        }
        for (LocalSession session : outcome.inPlace()) {
            if (!broadcast.contains(session.channelId())) {
                broadcasts += broadcast(session);
            } else if (!newcomers.isEmpty()) {
                resent += resend(session, newcomers);
            }
        }
        reached = now;
        if (broadcasts > 0 || resent > 0) {
            int full = broadcasts;
            int some = resent;
            LOG.info(() -> "after a merge: presence of " + full + " sessions broadcast again, "
                    + some + " presences sent to resources whose records came back since the"
                    + " previous pass");
        }
        return outcome;
    }

    /** @return 1 when the presence went out */
    private int broadcast(LocalSession session) {
        Presence last = session.presence();
        if (last == null) {
            return 0;
        }
        try {
            presence.broadcast(session, last);
            broadcast.add(session.channelId());
            return 1;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "presence of " + session + " not broadcast again", e);
            return 0;
        }
    }

    /** @return to how many resources the presence went */
    private int resend(LocalSession session, Map<Jid, List<Jid>> newcomers) {
        Presence last = session.presence();
        if (last == null) {
            return 0;
        }
        try {
            return presence.resend(session, last, newcomers);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "presence of " + session + " not sent again", e);
            return 0;
        }
    }

    /**
     * Sends this node's sessions to each other member, which ends its own that lose and removes
     * records of this node's that it no longer holds, and ends this node's sessions that lose to
     * those it answers with.
     */
    private void settleWithOtherNodes() {
        HeldSessions held = sessions.held();
        ArrayList<HeldSessionsCommand.Held> mine = new ArrayList<>(held.sessions().size());
        held.sessions().forEach((jid, r) -> mine.add(new HeldSessionsCommand.Held(jid.toString(),
                r.encode())));
        for (String member : cluster.members()) {
            if (member.equals(sessions.node())) {
                continue;
            }
            ArrayList<HeldSessionsCommand.Held> staying = cluster.request(member,
                    new HeldSessionsCommand(mine, held.node(), held.asOf()));
            if (staying == null) {
                LOG.warning(() -> "after a merge: node " + member + " did not answer with its"
                        + " sessions; the table decides conflicts with it in this pass");
                continue;
            }
            for (HeldSessionsCommand.Held theirs : staying) {
                try {
                    sessions.settle(Jid.of(theirs.jid()), SessionRecord.decode(theirs.record()));
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.WARNING, "a session from node " + member + " does not parse",
                            e);
                }
            }
        }
    }
}
