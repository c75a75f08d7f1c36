package im.meerkat.testsuite.web;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLSession;
import org.jivesoftware.smack.c2s.internal.ModularXmppClientToServerConnectionInternal;
import org.jivesoftware.smack.websocket.impl.AbstractWebSocket;
import org.jivesoftware.smack.websocket.impl.WebSocketFactory;
import org.jivesoftware.smack.websocket.rce.WebSocketRemoteConnectionEndpoint;

/**
 * Smack's WebSocket transport on {@code java.net.http}, as {@code smack-websocket-java11} does it,
 * but over a client that trusts only the node's pinned HTTPS certificate: the module's own
 * factory uses one static client with the JVM's default trust.
 */
final class PinnedWebSocketFactory implements WebSocketFactory {

    private final HttpClient http;

    PinnedWebSocketFactory(HttpsPin pin) {
        this.http = HttpClient.newBuilder().sslContext(pin.sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public AbstractWebSocket create(WebSocketRemoteConnectionEndpoint endpoint,
            ModularXmppClientToServerConnectionInternal connection) {
        return new PinnedWebSocket(http, endpoint, connection);
    }

    /** One WebSocket: RFC 7395 messages are whole XML documents, so fragments are joined first. */
    private static final class PinnedWebSocket extends AbstractWebSocket {

        private volatile WebSocket socket;

        PinnedWebSocket(HttpClient http, WebSocketRemoteConnectionEndpoint endpoint,
                ModularXmppClientToServerConnectionInternal connection) {
            super(endpoint, connection);
            http.newWebSocketBuilder().subprotocols("xmpp").buildAsync(endpoint.getUri(), new Listener())
                    .whenComplete((ws, failure) -> {
                        if (failure != null) {
                            onWebSocketFailure(failure);
                        } else {
                            socket = ws;
                            future.setResult(this);
                        }
                    });
        }

        @Override
        protected void send(String element) {
            try {
                socket.sendText(element, true).get();
            } catch (ExecutionException e) {
                onWebSocketFailure(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                onWebSocketFailure(e);
            }
        }

        @Override
        public void disconnect(int code, String message) {
            WebSocket ws = socket;
            if (ws == null) {
                return;
            }
            try {
                if (!ws.isOutputClosed()) {
                    ws.sendClose(code, message).get();
                }
            } catch (ExecutionException e) {
                // the server closed first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ws.abort();
            }
        }

        @Override
        public SSLSession getSSLSession() {
            return null;
        }

        private final class Listener implements WebSocket.Listener {

            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String element = text.toString();
                    text.setLength(0);
                    onIncomingWebSocketElement(element);
                }
                ws.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                onWebSocketFailure(error);
            }
        }
    }
}
