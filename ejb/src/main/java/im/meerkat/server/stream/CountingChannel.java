package im.meerkat.server.stream;

import im.meerkat.server.metrics.ServerMetrics;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.xml.Element;
import java.net.InetSocketAddress;

/**
 * A client's channel that counts the stanzas written to it: everything the server sends a client
 * (routed stanzas, handler replies, presence) goes through the channel the stream was opened with.
 */
final class CountingChannel implements StreamChannel {

    private final StreamChannel channel;
    private final ServerMetrics metrics;

    CountingChannel(StreamChannel channel, ServerMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    @Override
    public ChannelId id() {
        return channel.id();
    }

    @Override
    public String transport() {
        return channel.transport();
    }

    @Override
    public InetSocketAddress remote() {
        return channel.remote();
    }

    @Override
    public boolean send(Element element) {
        boolean sent = channel.send(element);
        if (sent) {
            metrics.stanzaOut(element);
        }
        return sent;
    }

    @Override
    public void close(StreamError error) {
        channel.close(error);
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
