package im.meerkat.web.websocket;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.server.stream.StreamService;
import im.meerkat.server.stream.StreamTransport;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.List;

/** A stream service that records the calls a transport makes, in order. */
public class RecordingStreamService extends StreamService {

    public final List<String> calls = new ArrayList<>();
    public final List<StreamHeader> headers = new ArrayList<>();
    public final List<Element> elements = new ArrayList<>();
    public final List<TransportSecurity> security = new ArrayList<>();
    public StreamChannel channel;
    public StreamTransport transport;

    @Override
    public synchronized void opened(StreamChannel c, StreamTransport t) {
        channel = c;
        transport = t;
        calls.add("opened");
    }

    @Override
    public synchronized void header(ChannelId id, StreamHeader header, TransportSecurity s) {
        headers.add(header);
        security.add(s);
        calls.add("header");
    }

    @Override
    public synchronized void element(ChannelId id, Element element) {
        elements.add(element);
        calls.add("element:" + element.localName());
    }

    @Override
    public synchronized void peerClosed(ChannelId id) {
        calls.add("peerClosed");
    }

    @Override
    public synchronized void closed(ChannelId id) {
        calls.add("closed");
    }
}
