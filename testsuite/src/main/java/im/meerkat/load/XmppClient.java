package im.meerkat.load;

import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.StreamHandler;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.stream.XmppStreamParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import javax.net.ssl.SSLSocket;

/**
 * One client connection for the load tools: STARTTLS, SASL (PLAIN or SCRAM-SHA-256), resource
 * binding (RFC 6120 §5-7). Replies are read with the server's own stream parser. Over a blocking
 * socket ({@link #login}), or over a non-blocking channel with an {@code SSLEngine}
 * ({@link #loginSelectable}) that a {@link ReaderPool} can then read along with thousands of others.
 * Not thread-safe: one thread logs in; afterwards one reader thread may call {@link #next} (or the
 * pool reads), and one other thread may {@link #send}.
 */
public final class XmppClient implements LoadClient {

    public enum Mechanism { PLAIN, SCRAM_SHA_256 }

    private static final String CLIENT = "jabber:client";
    private static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

    private final String domain;
    private final int timeoutMillis;
    private final Deque<Element> inbox = new ArrayDeque<>();
    private Connection connection;
    private XmppStreamParser parser;
    private boolean streamOpen;
    private boolean streamClosed;
    private String jid;

    private XmppClient(String domain, int timeoutMillis) {
        this.domain = domain;
        this.timeoutMillis = timeoutMillis;
    }

    /** Connects from {@code localAddress} (null for any), negotiates TLS and logs in. */
    public static XmppClient login(Target target, String localAddress, String user, String password,
            Mechanism mechanism, String resource) throws IOException {
        return login(target, localAddress, user, password, mechanism, resource, false);
    }

    /**
     * Like {@link #login}, over a non-blocking channel: the client can then be handed to a
     * {@link ReaderPool} instead of having a thread of its own.
     */
    static XmppClient loginSelectable(Target target, String localAddress, String user, String password,
            Mechanism mechanism, String resource) throws IOException {
        return login(target, localAddress, user, password, mechanism, resource, true);
    }

    private static XmppClient login(Target target, String localAddress, String user, String password,
            Mechanism mechanism, String resource, boolean selectable) throws IOException {
        XmppClient client = new XmppClient(target.domain(), target.timeoutMillis());
        try {
            client.connect(target, localAddress, selectable);
            client.startTls();
            client.authenticate(user, password, mechanism);
            client.bind(resource);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Whether the server answers a stream header with its features right now. */
    public static boolean answers(Target target) {
        XmppClient client = new XmppClient(target.domain(), target.timeoutMillis());
        try {
            client.connect(target, null, false);
            return client.expect("features").localName().equals("features");
        } catch (IOException e) {
            return false;
        } finally {
            client.close();
        }
    }

    @Override
    public String jid() {
        return jid;
    }

    /** Whether the server ended the stream or the connection. */
    public boolean closed() {
        return streamClosed;
    }

    @Override
    public void send(String xml) throws IOException {
        connection.write(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The next top-level element, or null when the stream ended or nothing came in time. */
    @Override
    public Element next(int millis) throws IOException {
        while (inbox.isEmpty()) {
            if (streamClosed) {
                return null;
            }
            int n = connection.read(millis);
            if (n == 0) {
                return null;
            }
            if (n < 0) {
                streamClosed = true;
                return null;
            }
            feed(connection.bytes(), n);
        }
        return inbox.poll();
    }

    /**
     * Reads and parses what has arrived on a client from {@link #loginSelectable}, without
     * waiting; the elements are then taken with {@link #poll}. Returns false once the stream or
     * the connection has ended.
     */
    boolean readAvailable() throws IOException {
        TlsChannel channel = ((ChannelConnection) connection).channel;
        int n;
        while ((n = channel.readNow()) > 0) {
            feed(TlsChannel.bytes(), n);
        }
        if (n < 0) {
            streamClosed = true;
        }
        return !streamClosed;
    }

    /** The next element {@link #readAvailable} parsed, or null. */
    Element poll() {
        return inbox.poll();
    }

    /** The channel of a client from {@link #loginSelectable}, to register with a selector. */
    java.nio.channels.SocketChannel channel() {
        return ((ChannelConnection) connection).channel.channel();
    }

    @Override
    public void close() {
        if (connection == null || !connection.isOpen()) {
            return;
        }
        try {
            if (streamOpen && !streamClosed) {
                connection.write(StreamHeader.closeTag().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        connection.close();
    }

    private void connect(Target target, String localAddress, boolean selectable) throws IOException {
        InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
        connection = selectable ? new ChannelConnection(TlsChannel.connect(remote, localAddress, timeoutMillis))
                : SocketConnection.connect(remote, localAddress, timeoutMillis);
        openStream();
    }

    private void startTls() throws IOException {
        Element features = expect("features");
        if (features.child(XmlName.of(TLS, "starttls")).isEmpty()) {
            throw new IOException("server offers no STARTTLS: " + features.toXml());
        }
        send("<starttls xmlns='" + TLS + "'/>");
        Element answer = expect("proceed");
        if (!answer.is(TLS, "proceed")) {
            throw new IOException("STARTTLS refused: " + answer.toXml());
        }
        connection.startTls();
        openStream();
    }

    private void authenticate(String user, String password, Mechanism mechanism) throws IOException {
        expect("features");
        if (mechanism == Mechanism.PLAIN) {
            String token = "\0" + user + "\0" + password;
            send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>"
                    + base64(token.getBytes(StandardCharsets.UTF_8)) + "</auth>");
        } else {
            ScramClient scram = new ScramClient(user, password);
            send("<auth xmlns='" + SASL + "' mechanism='SCRAM-SHA-256'>"
                    + base64(scram.clientFirst()) + "</auth>");
            Element challenge = expect("challenge");
            requireName(challenge, "challenge");
            send("<response xmlns='" + SASL + "'>"
                    + base64(scram.clientFinal(Base64.getDecoder().decode(challenge.text().trim())))
                    + "</response>");
            Element success = expect("success");
            requireName(success, "success");
            scram.verifyServerFinal(Base64.getDecoder().decode(success.text().trim()));
            restart();
            return;
        }
        requireName(expect("success"), "success");
        restart();
    }

    private void restart() throws IOException {
        openStream();
    }

    private void bind(String resource) throws IOException {
        expect("features");
        send("<iq xmlns='" + CLIENT + "' type='set' id='bind'><bind xmlns='" + BIND + "'>"
                + (resource == null ? "" : "<resource>" + resource + "</resource>") + "</bind></iq>");
        Element result = expect("iq");
        if (!"result".equals(result.attribute("type"))) {
            throw new IOException("bind failed: " + result.toXml());
        }
        jid = result.elements().get(0).child(XmlName.of(BIND, "jid")).map(Element::text).orElseThrow();
    }

    private static void requireName(Element element, String local) throws IOException {
        if (!element.localName().equals(local)) {
            throw new IOException("expected <" + local + "/>, got " + element.toXml());
        }
    }

    /** Reads the next element; the name is only for the error message. */
    private Element expect(String what) throws IOException {
        Element element = next(timeoutMillis);
        if (element == null) {
            throw new IOException("no <" + what + "/> from the server within " + timeoutMillis
                    + " ms (stream " + (streamClosed ? "closed" : "open") + ")");
        }
        if (element.localName().equals("error") && element.namespace().equals("http://etherx.jabber.org/streams")) {
            throw new IOException("stream error instead of <" + what + "/>: " + element.toXml());
        }
        return element;
    }

    private void openStream() throws IOException {
        parser = new XmppStreamParser(ParserLimits.DEFAULT, new Collector());
        streamOpen = true;
        send("<?xml version='1.0'?><stream:stream xmlns='" + CLIENT
                + "' xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "' version='1.0'>");
    }

    private void feed(byte[] bytes, int n) throws IOException {
        try {
            parser.feed(bytes, 0, n);
        } catch (StreamErrorException e) {
            throw new IOException("server sent bad XML: " + e.getMessage(), e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private final class Collector implements StreamHandler {
        @Override
        public void streamOpened(StreamHeader header) {
            // the header carries nothing the load tools need
        }

        @Override
        public void element(Element element) {
            inbox.add(element);
        }

        @Override
        public void streamClosed() {
            streamClosed = true;
        }
    }

    /** The bytes under the stream: a blocking socket or a non-blocking channel. */
    private interface Connection {
        /** Up to {@code millis} for bytes: their count in {@link #bytes()}, 0 if none, -1 at the end. */
        int read(int millis) throws IOException;

        byte[] bytes();

        void write(byte[] bytes) throws IOException;

        /** The TLS handshake as a client (certificates not checked, see {@link TrustAll}). */
        void startTls() throws IOException;

        boolean isOpen();

        void close();
    }

    private static final class SocketConnection implements Connection {
        private final byte[] buffer = new byte[16 * 1024];
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        static SocketConnection connect(InetSocketAddress remote, String localAddress, int timeoutMillis)
                throws IOException {
            SocketConnection connection = new SocketConnection();
            connection.socket = new Socket();
            try {
                if (localAddress != null) {
                    connection.socket.bind(new InetSocketAddress(localAddress, 0));
                }
                connection.socket.connect(remote, timeoutMillis);
                connection.socket.setTcpNoDelay(true);
                connection.useStreams();
                return connection;
            } catch (IOException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public int read(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return in.read(buffer);
            } catch (SocketTimeoutException e) {
                return 0;
            }
        }

        @Override
        public byte[] bytes() {
            return buffer;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        @Override
        public void startTls() throws IOException {
            SSLSocket tls = (SSLSocket) TrustAll.context().getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            socket = tls;
            useStreams();
        }

        @Override
        public boolean isOpen() {
            return !socket.isClosed();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        private void useStreams() throws IOException {
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
    }

    private record ChannelConnection(TlsChannel channel) implements Connection {
        @Override
        public int read(int millis) throws IOException {
            return channel.read(millis);
        }

        @Override
        public byte[] bytes() {
            return TlsChannel.bytes();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            channel.write(bytes);
        }

        @Override
        public void startTls() throws IOException {
            channel.startTls(TrustAll.context());
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    /** Where the server is. */
    public record Target(String host, int port, String domain, int timeoutMillis) {
    }
}
