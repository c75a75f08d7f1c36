package im.meerkat.web.websocket;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;

/**
 * The client's address of a WebSocket, for the session table. The WebSocket API has no call for
 * it, so this asks Undertow's session for its channel's source address by name and gives null
 * (shown as {@code -}) on any other container.
 */
final class PeerAddress {

    private PeerAddress() {
    }

    static InetSocketAddress of(Session session) {
        try {
            Method channel = session.getClass().getMethod("getWebSocketChannel");
            Object webSocketChannel = channel.invoke(session);
            Object address = webSocketChannel.getClass().getMethod("getSourceAddress").invoke(webSocketChannel);
            return address instanceof InetSocketAddress a ? a : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
