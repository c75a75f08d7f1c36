package im.meerkat.web.websocket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;

/**
 * The WebSocket endpoint {@code /ws-xmpp} (RFC 7395), one instance per connection. It checks the
 * subprotocol and hands text messages to its {@link WebSocketStream}. A client that does not
 * offer {@code xmpp} gets no XMPP stream: RFC 7395 §3.1 makes the subprotocol the condition of
 * the whole exchange, so the connection is closed at once with 1002 (protocol error). A binary
 * message closes the connection with 1003 (RFC 6455 §7.4.1): XMPP frames are UTF-8 text
 * (RFC 7395 §3.2).
 */
@ServerEndpoint(value = "/ws-xmpp", subprotocols = XmppWebSocketEndpoint.SUBPROTOCOL, configurator = OriginCheck.class)
public class XmppWebSocketEndpoint {

    /** RFC 7395 §3.1, registered with IANA (§6). */
    public static final String SUBPROTOCOL = "xmpp";

    private static final System.Logger LOG = System.getLogger(XmppWebSocketEndpoint.class.getName());
    private static final int PROTOCOL_ERROR = 1002;
    private static final int UNSUPPORTED_DATA = 1003;

    @Inject
    private WebSocketConnections connections;

    private WebSocketStream stream;
    private ScheduledFuture<?> pings;
    private volatile long lastHeard = System.currentTimeMillis();

    @OnOpen
    public void open(Session session) {
        if (!SUBPROTOCOL.equals(session.getNegotiatedSubprotocol())) {
            SessionSocket.closeQuietly(session, PROTOCOL_ERROR, "the xmpp subprotocol is required (RFC 7395 3.1)");
            return;
        }
        stream = connections.open(session);
        pings = connections.keepAlive(session, () -> lastHeard);
    }

    @OnMessage
    public void text(String message) {
        lastHeard = System.currentTimeMillis();
        if (stream != null) {
            stream.received(message);
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer message) {
        SessionSocket.closeQuietly(session, UNSUPPORTED_DATA, "XMPP over WebSocket uses text messages");
    }

    @OnMessage
    public void pong(PongMessage pong) {
        lastHeard = System.currentTimeMillis();
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        LOG.log(Level.DEBUG, "websocket {0} closed: {1}", session.getId(), reason);
        end();
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        LOG.log(Level.DEBUG, "websocket " + session.getId() + " failed", failure);
        SessionSocket.closeQuietly(session, OrderedSender.POLICY_VIOLATION, "error");
        end();
    }

    private void end() {
        if (pings != null) {
            pings.cancel(false);
        }
        if (stream != null) {
            stream.gone();
        }
    }
}
