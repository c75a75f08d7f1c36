package im.meerkat.server.stream;

import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A channel and transport that record what the state machine does, in order. */
final class FakeChannel implements StreamChannel, StreamTransport {

    final ChannelId id;
    final boolean startTls;
    final List<Object> events = new ArrayList<>();
    final List<StreamHeader> headers = new ArrayList<>();
    final List<Element> sent = new ArrayList<>();
    StreamError closeError;
    boolean closed;
    String transport = "tcp";

    FakeChannel(String local, boolean startTls) {
        this.id = new ChannelId("node1", local);
        this.startTls = startTls;
    }

    @Override
    public ChannelId id() {
        return id;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public InetSocketAddress remote() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public boolean send(Element element) {
        if (closed) {
            return false;
        }
        sent.add(element);
        events.add(element);
        return true;
    }

    @Override
    public void close(StreamError error) {
        closed = true;
        closeError = error;
        events.add("close");
    }

    @Override
    public void openStream(StreamHeader response) {
        headers.add(response);
        events.add(response);
    }

    @Override
    public boolean supportsStartTls() {
        return startTls;
    }

    @Override
    public void startTls() {
        events.add("startTls");
    }

    @Override
    public void restart() {
        events.add("restart");
    }

    /** The last element sent, then forgotten, so each step checks only its own output. */
    Element last() {
        return sent.get(sent.size() - 1);
    }

    Element only() {
        if (sent.size() != 1) {
            throw new AssertionError("expected one element, got " + sent);
        }
        Element e = sent.get(0);
        sent.clear();
        return e;
    }
}
