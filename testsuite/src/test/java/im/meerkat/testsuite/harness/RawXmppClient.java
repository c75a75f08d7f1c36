package im.meerkat.testsuite.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately simple XMPP client over a plain socket, for what Smack will not send: malformed
 * XML, DTDs, oversized stanzas, stanzas out of place, or a client that stops reading. It writes
 * exactly the bytes it is given and reads the server's answer as a {@link ReceivedStream}. It can
 * negotiate STARTTLS (RFC 6120 §5), SASL PLAIN (§6) and resource binding (§7) itself.
 */
public final class RawXmppClient implements AutoCloseable {

    public static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";

    private static final Duration STEP = Duration.ofSeconds(15);

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean endOfInput;

    private RawXmppClient(Socket socket, String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        use(socket);
    }

    /** Connects over plain TCP to the loopback address. */
    public static RawXmppClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /**
     * Connects with a fixed receive buffer ({@code receiveBuffer} bytes, 0 for the system's), so
     * that a client that stops reading fills up soon.
     */
    public static RawXmppClient connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        socket.connect(new InetSocketAddress(loopback, port), 10_000);
        return new RawXmppClient(socket, loopback.getHostAddress(), port);
    }

    private void use(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(200);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Writes text as UTF-8, exactly as given. */
    public RawXmppClient send(String xml) throws IOException {
        return sendBytes(xml.getBytes(StandardCharsets.UTF_8));
    }

    public RawXmppClient sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Writes text the server may refuse before it has all arrived (an oversized stanza): a write
     * that fails because the server closed the connection is not an error here, the answer is
     * read afterwards.
     */
    public RawXmppClient sendPossiblyCutOff(String xml) throws IOException {
        try {
            return send(xml);
        } catch (SocketException | SSLException e) {
            return this;
        }
    }

    /** Opens a new stream to {@code domain}; what came before is forgotten (RFC 6120 §4.3). */
    public RawXmppClient openStream(String domain) throws IOException {
        synchronized (received) {
            received.reset();
        }
        return send("<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0'"
                + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
    }

    /** What the server has sent on the current stream. */
    public ReceivedStream received() {
        return ReceivedStream.parse(text());
    }

    /** The raw text of the current stream, for failure messages. */
    public String text() {
        synchronized (received) {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether the server closed the connection. */
    public boolean endOfInput() {
        return endOfInput;
    }

    /**
     * Reads until {@code condition} holds, the server closes the connection, or the time is up,
     * and returns what arrived.
     */
    public ReceivedStream await(Predicate<ReceivedStream> condition, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReceivedStream stream = received();
        while (!condition.test(stream) && !endOfInput && System.nanoTime() < deadline) {
            if (readSome(true)) {
                stream = received();
            }
        }
        return received();
    }

    /** Reads until the features of the current stream arrived; fails otherwise. */
    public XmlNode awaitFeatures() throws IOException {
        return await(s -> s.features().isPresent(), STEP).features().orElseThrow(
                () -> new IllegalStateException("no stream features from the server; got: "
                        + text()));
    }

    /**
     * Reads until a stream error arrives or the stream or connection closes, and returns the
     * error's condition, or an empty string when the stream ended without one.
     */
    public String awaitStreamError(Duration timeout) throws IOException {
        ReceivedStream stream = await(s -> s.streamError().isPresent() || s.closed(), timeout);
        if (stream.streamError().isEmpty() && !stream.closed() && !endOfInput) {
            throw new IllegalStateException("no stream error and no close within " + timeout
                    + "; got: " + text());
        }
        return stream.streamError().orElse("");
    }

    /** Reads and discards until the server closes the connection; false if it did not in time. */
    public boolean awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!endOfInput && System.nanoTime() < deadline) {
            readSome(false);
        }
        return endOfInput;
    }

    /** Reads once; false when nothing arrived within the socket timeout. */
    private boolean readSome(boolean keep) throws IOException {
        byte[] buffer = new byte[16384];
        try {
            int n = in.read(buffer);
            if (n < 0) {
                endOfInput = true;
                return false;
            }
            if (keep) {
                synchronized (received) {
                    received.write(buffer, 0, n);
                }
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException | SSLException e) {
            // A reset, or TLS cut off without close_notify: the server closed the connection.
            endOfInput = true;
            return false;
        }
    }

    /**
     * Negotiates STARTTLS on a stream whose features arrived, and returns the TLS session; the
     * caller then opens a new stream (RFC 6120 §5.4.3.3).
     */
    public SSLSession startTls(SSLContext context) throws IOException {
        send("<starttls xmlns='" + TLS_NS + "'/>");
        ReceivedStream stream = await(s -> s.find(TLS_NS, "proceed").isPresent()
                || s.find(TLS_NS, "failure").isPresent(), STEP);
        if (stream.find(TLS_NS, "proceed").isEmpty()) {
            throw new IllegalStateException("STARTTLS refused: " + text());
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, host, port, true);
        tls.setUseClientMode(true);
        // The handshake blocks on reads: the short polling timeout of use() would fail it on a
        // loaded machine, where the server may take longer than that to answer
        tls.setSoTimeout((int) STEP.toMillis());
        tls.startHandshake();
        synchronized (received) {
            received.reset();
        }
        use(tls);
        return tls.getSession();
    }

    /**
     * Authenticates with SASL PLAIN (RFC 4616) and returns the server's {@code <success/>} or
     * {@code <failure/>}.
     */
    public XmlNode authenticatePlain(String user, String password) throws IOException {
        String response = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='" + SASL_NS + "' mechanism='PLAIN'>" + response + "</auth>");
        ReceivedStream stream = await(s -> s.find(SASL_NS, "success").isPresent()
                || s.find(SASL_NS, "failure").isPresent(), STEP);
        return stream.find(SASL_NS, "success").or(() -> stream.find(SASL_NS, "failure"))
                .orElseThrow(() -> new IllegalStateException("no SASL outcome: " + text()));
    }

    /**
     * Goes from a fresh connection to a bound resource: stream, STARTTLS, PLAIN, stream restart,
     * bind (RFC 6120 §§4-7). Returns the full JID the server bound.
     */
    public String login(String domain, SSLContext tls, String user, String password,
            String resource) throws IOException {
        openStream(domain);
        awaitFeatures();
        startTls(tls);
        startTlsStream(domain);
        XmlNode outcome = authenticatePlain(user, password);
        if (!outcome.is(SASL_NS, "success")) {
            throw new IllegalStateException("authentication of " + user + " failed: " + outcome);
        }
        openStream(domain);
        awaitFeatures();
        send("<iq type='set' id='bind-1'><bind xmlns='" + BIND_NS + "'><resource>" + resource
                + "</resource></bind></iq>");
        ReceivedStream stream = await(s -> s.find(this::isBindAnswer).isPresent(), STEP);
        XmlNode answer = stream.find(this::isBindAnswer).orElseThrow(
                () -> new IllegalStateException("no answer to bind: " + text()));
        return answer.child(BIND_NS, "bind").flatMap(b -> b.child(BIND_NS, "jid"))
                .map(XmlNode::text)
                .orElseThrow(() -> new IllegalStateException("bind failed: " + answer));
    }

    /** After STARTTLS: the new stream and its features. */
    public XmlNode startTlsStream(String domain) throws IOException {
        openStream(domain);
        return awaitFeatures();
    }

    private boolean isBindAnswer(XmlNode node) {
        return node.name().equals("iq") && "bind-1".equals(node.attribute("id"));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort: the server may have closed first.
        }
    }
}
