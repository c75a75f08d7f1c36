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
 * One client connection for the load tools: a blocking socket, STARTTLS, SASL (PLAIN or
 * SCRAM-SHA-256), resource binding (RFC 6120 §5-7). Replies are read with the server's own stream
 * parser. Not thread-safe: one thread logs in; afterwards one reader thread may call {@link #next}.
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
    private final byte[] buffer = new byte[16 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;
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
        XmppClient client = new XmppClient(target.domain(), target.timeoutMillis());
        try {
            client.connect(target, localAddress);
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
            client.connect(target, null);
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
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next top-level element, or null when the stream ended or nothing came in time. */
    @Override
    public Element next(int millis) throws IOException {
        socket.setSoTimeout(millis);
        while (inbox.isEmpty()) {
            if (streamClosed) {
                return null;
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (n < 0) {
                streamClosed = true;
                return null;
            }
            feed(n);
        }
        return inbox.poll();
    }

    @Override
    public void close() {
        try {
            if (socket != null && !socket.isClosed()) {
                if (out != null && streamOpen && !streamClosed) {
                    out.write(StreamHeader.closeTag().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void connect(Target target, String localAddress) throws IOException {
        socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
        socket.setTcpNoDelay(true);
        useStreams();
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
        SSLSocket tls = (SSLSocket) TrustAll.context().getSocketFactory()
                .createSocket(socket, target(), socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        useStreams();
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

    private void useStreams() throws IOException {
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private void feed(int n) throws IOException {
        try {
            parser.feed(buffer, 0, n);
        } catch (StreamErrorException e) {
            throw new IOException("server sent bad XML: " + e.getMessage(), e);
        }
    }

    private String target() {
        return socket.getInetAddress().getHostAddress();
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

    /** Where the server is. */
    public record Target(String host, int port, String domain, int timeoutMillis) {
    }
}
