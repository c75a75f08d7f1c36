package im.meerkat.server.cluster;

import java.io.Serializable;
import org.wildfly.clustering.server.dispatcher.Command;

/**
 * Ends a session of the receiving node: a kick, an account deletion, or a resource taken by a
 * session on another node (RFC 6120 §7.7.2.2, {@code <conflict/>}).
 *
 * @param channel the stream's node-local channel id
 * @param error   the stream error element as XML text
 */
public record EndSessionCommand(String channel, String error)
        implements Command<Boolean, NodeCommands, RuntimeException>, Serializable {

    @Override
    public Boolean execute(NodeCommands node) {
        return node.end(channel, error);
    }
}
