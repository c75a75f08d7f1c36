package im.meerkat.server.cluster;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import java.io.Serializable;
import org.wildfly.clustering.server.dispatcher.Command;

/**
 * Asks the node that holds a session to hand it over to a stream of the sending node, which the
 * client resumed it on (XEP-0198 §5). Answered with the session's state as XML, or null.
 *
 * @param channel    the session's node-local channel id on the receiving node
 * @param previd     the resumption id the client sent
 * @param account    the bare JID the new stream authenticated as
 * @param h          the client's count of handled stanzas
 * @param targetNode the sending node, which holds the new stream
 * @param target     the new stream's node-local channel id
 * @param transport  the new stream's transport
 * @param address    the new stream's client address
 */
public record ResumeCommand(String channel, String previd, String account, long h,
        String targetNode, String target, String transport, String address)
        implements Command<String, NodeCommands, RuntimeException>, Serializable {

    @Override
    public String execute(NodeCommands node) {
        return node.handOver(channel, previd, Jid.of(account), h,
                new ChannelId(targetNode, target), transport, address);
    }
}
