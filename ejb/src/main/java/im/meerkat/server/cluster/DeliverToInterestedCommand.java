package im.meerkat.server.cluster;

import java.io.Serializable;
import org.wildfly.clustering.server.dispatcher.Command;

/**
 * Delivers one stanza to a session of the receiving node when that session is an interested
 * resource (RFC 6121 §2.1.6): a roster push or a subscription state change, which only the
 * node of the session can decide to write.
 *
 * @param channel the stream's node-local channel id
 * @param stanza  the stanza as XML text
 */
public record DeliverToInterestedCommand(String channel, String stanza)
        implements Command<Boolean, NodeCommands, RuntimeException>, Serializable {

    @Override
    public Boolean execute(NodeCommands node) {
        return node.deliverIfInterested(channel, stanza);
    }
}
