package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A load client over XMPP on WebSocket (RFC 7395) on {@code java.net.http}: non-blocking, every
 * connection served by the shared client's selector thread. Each received message is parsed and
 * queued; {@link #next} takes from the queue.
 */
final class WebSocketClient implements LoadClient {

    private static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final Element CLOSED = Element.builder(FRAMING, "closed").build();

    private final BlockingQueue<Element> inbox = new LinkedBlockingQueue<>();
    private final int timeoutMillis;
    private WebSocket socket;
    private String jid;
    private volatile boolean ended;

    private WebSocketClient(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Opens the WebSocket, authenticates with PLAIN, restarts (§3.5) and binds. */
    static WebSocketClient login(URI uri, XmppClient.Target target, String user, String password, String resource)
            throws IOException {
        WebSocketClient client = new WebSocketClient(target.timeoutMillis());
        try {
            client.socket = await(WebClients.http().newWebSocketBuilder().subprotocols("xmpp")
                    .buildAsync(uri, client.new Listener()), target.timeoutMillis());
            client.open(target.domain());
            WebClients.require(client.next(target.timeoutMillis()), WebClients.STREAMS, "features", "<features/>");
            client.send(WebClients.plainAuth(user, password));
            WebClients.require(client.next(target.timeoutMillis()), WebClients.SASL, "success", "<success/>");
            client.open(target.domain());
            WebClients.require(client.next(target.timeoutMillis()), WebClients.STREAMS, "features", "<features/>");
            client.send(WebClients.bind(resource));
            client.jid = WebClients.boundJid(client.next(target.timeoutMillis()));
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String jid() {
        return jid;
    }

    @Override
    public void send(String xml) throws IOException {
        // one message at a time (java.net.http allows no overlapping sends): this is the backpressure
        await(socket.sendText(xml, true), timeoutMillis);
    }

    @Override
    public Element next(int millis) throws IOException {
        if (ended && inbox.isEmpty()) {
            return null;
        }
        try {
            Element element = inbox.poll(millis, TimeUnit.MILLISECONDS);
            return element == CLOSED ? null : element;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws == null || ended) {
            return;
        }
        ended = true;
        ws.sendText("<close xmlns='" + FRAMING + "'/>", true)
                .thenCompose(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                .orTimeout(5, TimeUnit.SECONDS)
                .whenComplete((w, failure) -> ws.abort());
    }

    private void open(String domain) throws IOException {
        send("<open xmlns='" + FRAMING + "' to='" + domain + "' version='1.0'/>");
        Element open = next(timeoutMillis);
        WebClients.require(open, FRAMING, "open", "<open/>");
    }

    private static <T> T await(CompletableFuture<T> future, int millis) throws IOException {
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw new IOException("WebSocket: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("WebSocket: no answer within " + millis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    inbox.add(WebClients.parse(message));
                } catch (IOException e) {
                    ended = true;
                    inbox.add(CLOSED);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            ended = true;
            inbox.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended = true;
            inbox.add(CLOSED);
        }
    }
}
