package im.meerkat.server.cluster;

import java.io.Serializable;
import org.wildfly.clustering.server.dispatcher.Command;

/**
 * Has the receiving node write the stored messages (XEP-0160) of one of its sessions, after a
 * message was stored on another node while that session was available already.
 *
 * @param channel the stream's node-local channel id
 */
public record DeliverStoredCommand(String channel)
        implements Command<Boolean, NodeCommands, RuntimeException>, Serializable {

    @Override
    public Boolean execute(NodeCommands node) {
        return node.deliverStored(channel);
    }
}
