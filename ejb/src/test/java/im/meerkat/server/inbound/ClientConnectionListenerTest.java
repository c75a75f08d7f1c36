package im.meerkat.server.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.ConnectionInfo;
import im.meerkat.connector.api.StreamKind;
import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.connector.api.XmppConnection;
import im.meerkat.connector.api.XmppConnectionFactory;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.server.stream.StreamService;
import im.meerkat.server.stream.StreamTransport;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;

/** The listener bean only translates connector events, and the channel only forwards to the adapter. */
class ClientConnectionListenerTest {

    static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.7", 51122);
    static final ConnectionInfo C2S = new ConnectionInfo("c2s", StreamKind.CLIENT, false, REMOTE,
            new InetSocketAddress("0.0.0.0", 5222));

    /** Records the calls the bean makes. */
    static final class RecordingStreams extends StreamService {
        final List<Object> calls = new ArrayList<>();
        StreamChannel channel;
        StreamTransport transport;

        @Override
        public void opened(StreamChannel c, StreamTransport t) {
            channel = c;
            transport = t;
            calls.add("opened " + c.id());
        }

        @Override
        public void header(ChannelId id, StreamHeader header, TransportSecurity security) {
            calls.add("header " + id + " " + header.to() + " " + security.encrypted());
        }

        @Override
        public void element(ChannelId id, Element element) {
            calls.add("element " + id + " " + element.localName());
        }

        @Override
        public void peerClosed(ChannelId id) {
            calls.add("peerClosed " + id);
        }

        @Override
        public void closed(ChannelId id) {
            calls.add("closed " + id);
        }
    }

    /** A factory whose connections log every call and whether each handle was closed. */
    static final class RecordingFactory implements XmppConnectionFactory {
        final List<String> calls = new ArrayList<>();
        int open;

        @Override
        public XmppConnection getConnection() {
            open++;
            return new XmppConnection() {
                @Override
                public boolean openStream(ConnectionId id, StreamHeader header) {
                    calls.add("openStream " + id + " " + header.from());
                    return true;
                }

                @Override
                public boolean send(ConnectionId id, Element element) {
                    calls.add("send " + id + " " + element.localName());
                    return true;
                }

                @Override
                public boolean startTls(ConnectionId id) {
                    calls.add("startTls " + id);
                    return true;
                }

                @Override
                public boolean restartStream(ConnectionId id) {
                    calls.add("restartStream " + id);
                    return true;
                }

                @Override
                public void closeStream(ConnectionId id, StreamError error) {
                    calls.add("closeStream " + id + " " + (error == null ? null : error.condition()));
                }

                @Override
                public void abort(ConnectionId id) {
                    calls.add("abort " + id);
                }

                @Override
                public boolean isOpen(ConnectionId id) {
                    return true;
                }

                @Override
                public void close() {
                    open--;
                }
            };
        }

        @Override
        public void setReference(Reference reference) {
        }

        @Override
        public Reference getReference() {
            return null;
        }
    }

    @Test
    void eventsBecomeStreamServiceCallsWithNodeChannelIds() {
        RecordingStreams streams = new RecordingStreams();
        ClientConnectionListener bean = new ClientConnectionListener(new RecordingFactory(), streams, "node2");
        ConnectionId id = new ConnectionId(42);

        bean.connectionOpened(id, C2S);
        bean.streamOpened(id, new StreamHeader("example.org", null, null, "1.0", null, Namespaces.CLIENT, Map.of()),
                TransportSecurity.NONE);
        bean.elementReceived(id, Element.empty(im.meerkat.xmpp.xml.XmlName.of(Namespaces.TLS, "starttls")));
        bean.streamClosed(id);
        bean.connectionClosed(id, CloseReason.of(CloseReason.Cause.CLOSED_BY_PEER));

        assertEquals(List.of("opened node2/c42", "header node2/c42 example.org false", "element node2/c42 starttls",
                "peerClosed node2/c42", "closed node2/c42"), streams.calls);
        assertInstanceOf(ConnectorChannel.class, streams.channel);
        assertSame(streams.channel, streams.transport);
        assertEquals(REMOTE, streams.channel.remote());
        assertEquals("tcp", streams.channel.transport());
    }

    @Test
    void serverStreamsAreNotTakenAsClientStreams() {
        RecordingStreams streams = new RecordingStreams();
        ClientConnectionListener bean = new ClientConnectionListener(new RecordingFactory(), streams, "node1");
        bean.connectionOpened(new ConnectionId(1), new ConnectionInfo("s2s", StreamKind.SERVER, false, REMOTE, REMOTE));
        assertTrue(streams.calls.isEmpty());
    }

    @Test
    void channelForwardsToTheAdapterAndReturnsEveryHandle() {
        RecordingFactory factory = new RecordingFactory();
        ConnectorChannel channel = new ConnectorChannel(factory, "node1", new ConnectionId(7), C2S);
        channel.openStream(StreamHeader.response("example.org", null, "id1", "en"));
        channel.send(Element.empty(im.meerkat.xmpp.xml.XmlName.of(Namespaces.TLS, "proceed")));
        channel.startTls();
        channel.restart();
        channel.close(StreamError.of(StreamErrorCondition.CONFLICT));
        assertEquals(List.of("openStream c7 example.org", "send c7 proceed", "startTls c7", "restartStream c7",
                "closeStream c7 CONFLICT"), factory.calls);
        assertEquals(0, factory.open, "every handle closed");
        assertEquals(new ChannelId("node1", "c7"), channel.id());
    }
}
