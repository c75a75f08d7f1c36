package im.meerkat.web.websocket;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.server.stream.StreamService;
import im.meerkat.server.stream.StreamTransport;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import im.meerkat.xmpp.xml.XmlWriter;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One XMPP stream over a WebSocket (RFC 7395), between the socket and {@link StreamService}: it
 * turns each text message into a stream event and each event of the state machine into a message.
 * Framing is all it knows; negotiation, SASL, binding and routing happen in the service.
 *
 * <ul>
 * <li>{@code <open/>} (§3.3.2) becomes a stream header, the reply header an {@code <open/>};</li>
 * <li>{@code <close/>} (§3.6) either way; the server closes the WebSocket after its own;</li>
 * <li>a message that is not exactly one well-formed, allowed element (§3.3.3) ends the stream with
 *     the parser's stream error ({@code <not-well-formed/>}, {@code <restricted-xml/>},
 *     {@code <policy-violation/>}) and {@code <close/>};</li>
 * <li>with a redirect configured, the first {@code <open/>} is answered with
 *     {@code <close see-other-uri='...'/>} (§3.6.1).</li>
 * </ul>
 * A stream restart after SASL is the client's new {@code <open/>} (§3.5), so {@link #restart()}
 * has nothing to do; there is no STARTTLS (§3.7): security is that of the WebSocket itself.
 */
public final class WebSocketStream implements StreamChannel, StreamTransport {

    static final XmlName OPEN = XmlName.of(Namespaces.FRAMING, "open");
    static final XmlName CLOSE = XmlName.of(Namespaces.FRAMING, "close");

    private static final System.Logger LOG = System.getLogger(WebSocketStream.class.getName());

    private final ChannelId id;
    private final InetSocketAddress remote;
    private final boolean secure;
    private final StreamService service;
    private final OrderedSender out;
    private final XmlDocumentParser parser;
    private final String seeOtherUri;
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile boolean closing;

    WebSocketStream(ChannelId id, InetSocketAddress remote, boolean secure, StreamService service,
            OrderedSender out, XmlDocumentParser parser, String seeOtherUri) {
        this.id = Objects.requireNonNull(id, "id");
        this.remote = remote;
        this.secure = secure;
        this.service = Objects.requireNonNull(service, "service");
        this.out = Objects.requireNonNull(out, "out");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.seeOtherUri = seeOtherUri;
    }

    /** The WebSocket is open: the service learns of the stream (nothing is sent yet). */
    void start() {
        service.opened(this, this);
    }

    /** One text message from the client. Messages of one connection come one at a time. */
    void received(String text) {
        if (closing) {
            return; // RFC 7395 §3.6: nothing after our <close/> is read
        }
        Element element;
        try {
            element = parser.parse(text);
        } catch (StreamErrorException e) {
            LOG.log(Level.DEBUG, "websocket {0}: {1}", id, e.getMessage());
            close(e.error());
            return;
        }
        if (element.is(OPEN)) {
            if (seeOtherUri != null) {
                redirect();
            } else {
                service.header(id, header(element), TransportSecurity.external(secure));
            }
        } else if (element.is(CLOSE)) {
            service.peerClosed(id);
        } else {
            service.element(id, element);
        }
    }

    /** The WebSocket is closed, by either side or by a failure: the stream ends, once. */
    void gone() {
        closing = true;
        if (gone.compareAndSet(false, true)) {
            out.abort("closed");
            service.closed(id);
        }
    }

    /** The client's {@code <open/>} as a stream header in the {@code jabber:client} namespace. */
    static StreamHeader header(Element open) {
        return new StreamHeader(open.attribute("to"), open.attribute("from"), open.attribute("id"),
                open.attribute("version"), open.attribute(Namespaces.XML_LANG), Namespaces.CLIENT, Map.of());
    }

    /** RFC 7395 §3.3.2: the server's {@code <open/>}. */
    static Element open(StreamHeader response) {
        return Element.builder(OPEN)
                .attribute("from", response.from())
                .attribute("to", response.to())
                .attribute("id", response.id())
                .attribute("version", response.version())
                .attribute(Namespaces.XML_LANG, response.lang())
                .build();
    }

    private void redirect() {
        closing = true;
        out.send(XmlWriter.toXml(Element.builder(CLOSE).attribute("see-other-uri", seeOtherUri).build()));
        out.closeAfterFlush();
    }

    @Override
    public ChannelId id() {
        return id;
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean send(Element element) {
        return !closing && out.send(XmlWriter.toXml(element));
    }

    /** RFC 7395 §3.6: an error, if any, then {@code <close/>}, then the WebSocket closes. */
    @Override
    public void close(StreamError error) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        if (error != null) {
            out.send(XmlWriter.toXml(error.toElement()));
        }
        out.send(XmlWriter.toXml(Element.empty(CLOSE)));
        out.closeAfterFlush();
    }

    @Override
    public void openStream(StreamHeader response) {
        if (!closing) {
            out.send(XmlWriter.toXml(open(response)));
        }
    }

    @Override
    public boolean supportsStartTls() {
        return false;
    }

    @Override
    public void startTls() {
        throw new UnsupportedOperationException("RFC 7395 §3.7: no STARTTLS over WebSocket");
    }

    @Override
    public void restart() {
        // RFC 7395 §3.5: the client sends a new <open/>; every message is a document anyway.
    }

    @Override
    public String toString() {
        return "websocket " + id + (secure ? " (wss)" : " (ws)");
    }
}
