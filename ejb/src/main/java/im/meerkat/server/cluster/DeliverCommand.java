package im.meerkat.server.cluster;

import java.io.Serializable;
import org.wildfly.clustering.server.dispatcher.Command;

/**
 * Delivers one stanza to a session of the receiving node (architecture invariant 7).
 *
 * @param channel the stream's node-local channel id
 * @param stanza  the stanza as XML text
 */
public record DeliverCommand(String channel, String stanza)
        implements Command<Boolean, NodeCommands, RuntimeException>, Serializable {

    @Override
    public Boolean execute(NodeCommands node) {
        return node.deliver(channel, stanza);
    }
}
