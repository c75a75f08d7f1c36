package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.xml.Element;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An RFC 7395 client on {@code java.net.http.WebSocket}: it sends text messages as given and
 * queues every message the server sends, parsed, and the close code. It answers pings (the JDK
 * does) as a browser would.
 */
final class WsClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, String subprotocol) {
        WebSocket.Builder builder = Https.client().newWebSocketBuilder().connectTimeout(WAIT);
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    static WsClient connect(URI uri) {
        return new WsClient(uri, "xmpp");
    }

    static WsClient connectWithoutSubprotocol(URI uri) {
        return new WsClient(uri, null);
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendBinary() {
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next message, parsed; fails after {@link #WAIT}. */
    Element next(String what) {
        try {
            String text = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(text, "no message from the server: expected " + what);
            return Xml.parse(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Element expect(String namespace, String local) {
        Element e = next("<" + local + " xmlns='" + namespace + "'/>");
        assertTrue(e.is(namespace, local), "expected <" + local + " xmlns='" + namespace + "'/>, got " + e);
        return e;
    }

    /** The close code the server sent, waiting for it. */
    int closeCode() {
        return closeCode.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Opens a stream (RFC 7395 §3.3.2) and returns the server's {@code <open/>}. */
    Element open(String domain) {
        send("<open xmlns='" + Xml.FRAMING + "' to='" + domain + "' version='1.0'/>");
        Element open = expect(Xml.FRAMING, "open");
        return open;
    }

    /** Opens, authenticates with PLAIN (the stream is encrypted by wss), restarts and binds. */
    String login(String domain, String user, String password, String resource) {
        open(domain);
        expect(Xml.STREAMS, "features");
        send(Xml.plainAuth(user, password));
        expect(Xml.SASL, "success");
        Element open = open(domain);
        assertNotNull(open.attribute("id"), "RFC 7395 §3.3.2: the new <open/> has a stream id");
        expect(Xml.STREAMS, "features");
        send(Xml.bind(resource));
        Element result = expect(Xml.CLIENT, "iq");
        assertEquals("result", result.attribute("type"), "bind: " + result);
        return result.elements().get(0).elements().get(0).text();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            received.add("<binary-message/>");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
