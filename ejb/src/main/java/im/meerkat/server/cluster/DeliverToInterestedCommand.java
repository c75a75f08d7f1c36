package im.meerkat.server.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import org.wildfly.clustering.server.dispatcher.Command;

/**
 * Delivers stanzas to sessions of the receiving node that are interested resources (RFC 6121
 * §2.1.6): roster pushes and the subscription states the roster shows, which only the node of a
 * session can decide to write. One command carries what one change means for all of an
 * account's sessions on that node (architecture invariant 7).
 *
 * @param targets each session's node-local channel id with the stanza for it
 */
public record DeliverToInterestedCommand(ArrayList<Target> targets)
        implements Command<Boolean, NodeCommands, RuntimeException>, Serializable {

    /**
     * One session and what it gets if it is interested.
     *
     * @param channel the stream's node-local channel id
     * @param stanza  the stanza as XML text
     */
    public record Target(String channel, String stanza) implements Serializable {
    }

    @Override
    public Boolean execute(NodeCommands node) {
        return node.deliverIfInterested(targets);
    }
}
