package im.meerkat.server.routing;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.xml.Element;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A client stream that records what the server writes and whether it closed it, in order. */
public final class FakeChannel implements StreamChannel {

    private final ChannelId id;
    private final List<Element> sent = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private StreamError closedWith;
    private boolean closed;
    private boolean gone;

    public FakeChannel(String node, String local) {
        this.id = new ChannelId(node, local);
    }

    @Override
    public ChannelId id() {
        return id;
    }

    @Override
    public String transport() {
        return "tcp";
    }

    @Override
    public InetSocketAddress remote() {
        return InetSocketAddress.createUnresolved("192.0.2.7", 40000);
    }

    @Override
    public synchronized boolean send(Element element) {
        if (closed || gone) {
            return false;
        }
        sent.add(element);
        events.add(element);
        return true;
    }

    @Override
    public synchronized void close(StreamError error) {
        closed = true;
        closedWith = error;
        events.add(error == null ? "closed" : error);
    }

    /** The peer vanished: further writes fail. */
    public synchronized void drop() {
        gone = true;
    }

    public synchronized List<Element> sent() {
        return List.copyOf(sent);
    }

    /** Elements written and the close, in the order they happened. */
    public synchronized List<Object> events() {
        return List.copyOf(events);
    }

    /** Takes and forgets what was written so far. */
    public synchronized List<Element> take() {
        List<Element> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }

    public synchronized boolean closed() {
        return closed;
    }

    public synchronized StreamError closedWith() {
        return closedWith;
    }
}
