package im.meerkat.server.session;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The sessions a node holds, as it tells the other nodes after a partition heals
 * ({@link SessionRegistry#held()}; docs/CLUSTER.md, "Partitions and merge").
 *
 * @param node     the node's name
 * @param asOf     a time of the node's clock: each session of the node bound before it is listed,
 *     unless it has ended
 * @param sessions the node's sessions by full JID, each with its record as the node last wrote it
 */
public record HeldSessions(String node, long asOf, Map<Jid, SessionRecord> sessions) {

    public HeldSessions {
        sessions = Map.copyOf(sessions);
    }

    /** The streams of the listed sessions. */
    public Set<ChannelId> channels() {
        Set<ChannelId> channels = new HashSet<>();
        for (SessionRecord r : sessions.values()) {
            channels.add(r.channel());
        }
        return channels;
    }

    /**
     * Whether a record of the table is left over: it names this node and a stream the node does
     * not hold, and its session was bound before the listing (so it has ended).
     */
    public boolean leftOver(SessionRecord record, Set<ChannelId> listed) {
        return record.channel().node().equals(node) && record.since() < asOf
                && !listed.contains(record.channel());
    }
}
