package im.meerkat.server.cluster;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;

/**
 * The side of a resumption across nodes (XEP-0198 §5, docs/CLUSTER.md) that runs on the node
 * holding the session: the stream layer of this node hands a resumable session over to a stream
 * of another node.
 */
public interface SessionHandovers {

    /**
     * Hands over the session of {@code channel} that resumption id {@code previd} names, when it
     * belongs to {@code account}: acknowledges {@code h}, points its table record at
     * {@code target}, closes the stream that still carries it, and forgets it without ending it.
     *
     * @return what the new node needs, as XML: the session's state, or the client's {@code h}
     *     being too high; null when this node holds no such resumable session
     */
    String handOver(ChannelId channel, String previd, Jid account, long h, ChannelId target,
            String transport, String address);
}
