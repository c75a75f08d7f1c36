package im.meerkat.server.cluster;

import java.io.Serializable;
import org.wildfly.clustering.server.dispatcher.Command;

/**
 * Asks the receiving node for the last available presence of one of its sessions, as XML text
 * (null when gone or unavailable): a contact's presence sent after an approval or at initial
 * presence (RFC 6121 §3.1.5, §4.2.3) is the full stanza, not only what the session record holds.
 *
 * @param channel the stream's node-local channel id
 */
public record PresenceCommand(String channel)
        implements Command<String, NodeCommands, RuntimeException>, Serializable {

    @Override
    public String execute(NodeCommands node) {
        return node.presence(channel);
    }
}
