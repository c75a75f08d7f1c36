package im.meerkat.server.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import org.wildfly.clustering.server.dispatcher.Command;

/**
 * After a partition heals (docs/CLUSTER.md, "Partitions and merge"): tells the receiving node
 * which sessions the sending node holds, so that a full JID bound on both sides is resolved as a
 * resource conflict (RFC 6120 §7.7.2.2) on what the two nodes hold rather than on what the
 * session cache kept of their records. The receiving node ends its own sessions that lose; it
 * answers with its records of the full JIDs whose sessions stay against the sender's, whose
 * sessions the sender then ends. Records of the sending node's sessions that the list lacks are
 * left over and the receiving node removes them ({@link LostNodes#leftOver}).
 *
 * <p>A command from a node of an earlier version carries neither {@code node} nor {@code asOf}
 * (null and 0 after deserialization) and removes nothing.
 *
 * @param sessions the sending node's sessions
 * @param node     the sending node's name
 * @param asOf     a time of the sending node's clock before which each of its sessions is listed
 *     unless it has ended ({@code HeldSessions.asOf})
 */
public record HeldSessionsCommand(ArrayList<Held> sessions, String node, long asOf)
        implements Command<ArrayList<HeldSessionsCommand.Held>, NodeCommands, RuntimeException>,
        Serializable {

    /**
     * One session of a node.
     *
     * @param jid    the full JID
     * @param record the session's record as the table holds it ({@code SessionRecord.encode})
     */
    public record Held(String jid, String record) implements Serializable {
    }

    @Override
    public ArrayList<Held> execute(NodeCommands receiver) {
        ArrayList<Held> staying = receiver.settle(sessions);
        if (node != null && asOf > 0) {
            receiver.heldElsewhere(node, asOf, sessions);
        }
        return staying;
    }
}
