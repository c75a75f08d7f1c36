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
 * sessions the sender then ends.
 *
 * @param sessions the sending node's sessions
 */
public record HeldSessionsCommand(ArrayList<Held> sessions)
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
    public ArrayList<Held> execute(NodeCommands node) {
        return node.settle(sessions);
    }
}
