package im.meerkat.server.session;

import java.util.List;

/**
 * What {@link SessionRegistry#reassert()} did after a partition healed.
 *
 * @param restored this node's sessions whose records it wrote back because this node's copy of
 *     the table lacked them or held something else (the other side had removed them, a session
 *     bound earlier on another node held the full JID, or the record differed)
 * @param inPlace  this node's sessions whose records this node's copy held as the node last wrote
 *     them; they were written again for the other copies
 * @param lost     this node's sessions that lost a resource conflict and were ended
 * @param beaten   records of other nodes' sessions that lost a resource conflict to a session of
 *     this node: their nodes must end them with {@code <conflict/>}
 */
public record MergeOutcome(List<LocalSession> restored, List<LocalSession> inPlace,
        List<LocalSession> lost, List<SessionRecord> beaten) {

    /**
     * The conflict rule after a merge: the session bound later wins (RFC 6120 §7.7.2.2, as when
     * a client binds a resource that is taken); for equal bind times, the one on the node whose
     * name sorts last, so that every node reaches the same verdict.
     */
    public static boolean boundLater(SessionRecord a, SessionRecord b) {
        if (a.since() != b.since()) {
            return a.since() > b.since();
        }
        return a.channel().node().compareTo(b.channel().node()) > 0
                || a.channel().node().equals(b.channel().node())
                && a.channel().local().compareTo(b.channel().local()) > 0;
    }
}
