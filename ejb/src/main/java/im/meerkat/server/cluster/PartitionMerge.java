package im.meerkat.server.cluster;

import im.meerkat.server.presence.PresenceService;
import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.MergeOutcome;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a node does when a partition of the cluster heals (a JGroups merge view; docs/CLUSTER.md,
 * "Partitions and merge"). During the partition each side removed the other side's records and
 * told their contacts that those users went offline, although their streams stayed connected.
 * Each node now writes its own sessions back ({@link SessionRegistry#reassert()}), resolves a
 * full JID that both sides bound as a resource conflict (the session bound later stays, the
 * other ends with {@code <conflict/>}, RFC 6120 §7.7.2.2), and broadcasts the presence of each
 * session it wrote back again, so that contacts who saw it go unavailable see it available.
 *
 * <p>Running it twice is harmless: a session whose record is in place is left alone.
 */
@ApplicationScoped
public class PartitionMerge {

    private static final Logger LOG = Logger.getLogger(PartitionMerge.class.getName());

    private SessionRegistry sessions;
    private RemoteSessions remote;
    private PresenceService presence;

    /** For the container's proxy. */
    protected PartitionMerge() {
    }

    @Inject
    public PartitionMerge(SessionRegistry sessions, RemoteSessions remote,
            PresenceService presence) {
        this.sessions = sessions;
        this.remote = remote;
        this.presence = presence;
    }

    /** Writes this node's sessions back and resolves conflicts; returns what it did. */
    public MergeOutcome heal() {
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
}
