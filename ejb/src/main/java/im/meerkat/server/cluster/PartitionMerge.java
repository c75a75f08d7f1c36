package im.meerkat.server.cluster;

import im.meerkat.server.presence.PresenceService;
import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.MergeOutcome;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Map;
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
 * none. Then the node writes its own sessions back ({@link SessionRegistry#reassert()}), which
 * also settles by the table a conflict with a node that did not answer, and broadcasts the
 * presence of each session it wrote back again, so that contacts who saw it go unavailable see it
 * available.
 *
 * <p>Running it twice is harmless: a session whose record is in place is left alone.
 */
@ApplicationScoped
public class PartitionMerge {

    private static final Logger LOG = Logger.getLogger(PartitionMerge.class.getName());

    private SessionRegistry sessions;
    private RemoteSessions remote;
    private PresenceService presence;
    private ClusterService cluster;

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

    /** Settles conflicts with the other nodes and writes this node's sessions back. */
    public MergeOutcome heal() {
        settleWithOtherNodes();
        MergeOutcome outcome = sessions.reassert();
        StreamError conflict = StreamError.of(StreamErrorCondition.CONFLICT,
                "a session bound later on another node holds this resource");
        for (SessionRecord beaten : outcome.beaten()) {
            // The losing node may have ended it already, in its own pass: then this is a no-op.
            remote.end(beaten, conflict);
        }
        for (LocalSession session : outcome.restored()) {
            Presence last = session.presence();
            if (last == null) {
                continue;
            }
            try {
                presence.broadcast(session, last);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "presence of " + session + " not broadcast again", e);
            }
        }
        return outcome;
    }

    /**
     * Sends this node's sessions to each other member, which ends its own that lose, and ends
     * this node's sessions that lose to those it answers with.
     */
    private void settleWithOtherNodes() {
        Map<Jid, SessionRecord> held = sessions.held();
        if (held.isEmpty()) {
            return;
        }
        ArrayList<HeldSessionsCommand.Held> mine = new ArrayList<>(held.size());
        held.forEach((jid, r) -> mine.add(new HeldSessionsCommand.Held(jid.toString(),
                r.encode())));
        for (String member : cluster.members()) {
            if (member.equals(sessions.node())) {
                continue;
            }
            ArrayList<HeldSessionsCommand.Held> staying = cluster.request(member,
                    new HeldSessionsCommand(mine));
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
