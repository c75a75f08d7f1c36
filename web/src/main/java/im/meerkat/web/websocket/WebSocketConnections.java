package im.meerkat.web.websocket;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamService;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every WebSocket stream of this node shares: the stream service, the settings, the parser
 * and the scheduler that sends keepalive pings. The endpoint, one instance per connection, asks
 * it for a {@link WebSocketStream}.
 */
@ApplicationScoped
public class WebSocketConnections {

    /** Room for a full-size stanza and the framing around it. */
    static final int MAX_MESSAGE_CHARS = ParserLimits.DEFAULT.maxStanzaBytes() + 4096;

    private final String node = System.getProperty("jboss.node.name", "local");
    private final AtomicLong ids = new AtomicLong();
    private final XmlDocumentParser parser = new XmlDocumentParser(ParserLimits.DEFAULT);

    @EJB
    private StreamService streams;

    @Inject
    private WebSocketSettings settings;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    /** For the container. */
    public WebSocketConnections() {
    }

    /** A new XMPP stream on an open WebSocket whose subprotocol is {@code xmpp}. */
    WebSocketStream open(Session session) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_CHARS);
        session.getAsyncRemote().setSendTimeout(settings.sendTimeout().toMillis());
        OrderedSender out = new OrderedSender(new SessionSocket(session), settings.maxQueuedMessages());
        ChannelId id = new ChannelId(node, "ws-" + Long.toString(ids.incrementAndGet(), 36) + "-" + session.getId());
        WebSocketStream stream = new WebSocketStream(id, PeerAddress.of(session), session.isSecure(), streams, out, parser,
                settings.seeOtherUri());
        stream.start();
        return stream;
    }

    /**
     * Runs a {@link Keepalive} every {@code meerkat.websocket.ping} seconds: it finds dead peers
     * and keeps proxies from closing idle streams. Null when pings are off.
     */
    ScheduledFuture<?> keepAlive(Session session, Heard heard) {
        Duration interval = settings.pingInterval();
        if (interval.isZero()) {
            return null;
        }
        long millis = interval.toMillis();
        Keepalive tick = new Keepalive(new Keepalive.Peer() {
            @Override
            public boolean open() {
                return session.isOpen();
            }

            @Override
            public void ping() throws java.io.IOException {
                session.getAsyncRemote().sendPing(ByteBuffer.wrap(new byte[] {'x'}));
            }

            @Override
            public void close(int code, String reason) {
                SessionSocket.closeQuietly(session, code, reason);
            }
        }, heard::last, System::currentTimeMillis, millis);
        return scheduler.scheduleAtFixedRate(tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** When the peer was last heard from, in epoch milliseconds. */
    interface Heard {
        long last();
    }
}
