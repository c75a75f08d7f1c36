package im.meerkat.xmpp.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import javax.xml.stream.XMLStreamReader;

import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;

/**
 * Incremental parser for one XML stream (RFC 6120 §4): feed it bytes as they arrive and it
 * calls the {@link StreamHandler} with the header, each top-level element, and the close.
 * Any violation of XML, of the restricted profile (§11.1) or of the {@link ParserLimits}
 * throws a {@link StreamErrorException} naming the stream error to send; the parser is then
 * unusable. After STARTTLS or SASL success the stream restarts: call {@link #reset()}.
 *
 * <p>Not thread-safe: one connection feeds its parser from one thread at a time.
 */
public final class XmppStreamParser {

    private final ParserLimits limits;
    private final StreamHandler handler;
    private XmlEventAssembler assembler;
    private boolean failed;

    public XmppStreamParser(ParserLimits limits, StreamHandler handler) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.handler = Objects.requireNonNull(handler, "handler");
        reset();
    }

    /** Forgets the current stream; the next bytes must begin a new one. */
    public void reset() {
        assembler = new XmlEventAssembler(limits, 2, new Sink());
        failed = false;
    }

    /** Whether the peer has closed its stream. */
    public boolean isClosed() {
        return assembler.ended();
    }

    public void feed(byte[] data) throws StreamErrorException {
        feed(data, 0, data.length);
    }

    /**
     * Parses these bytes, calling the handler for every event they complete.
     *
     * @throws StreamErrorException the stream error the peer has earned
     */
    public void feed(byte[] data, int offset, int length) throws StreamErrorException {
        if (failed) {
            throw new IllegalStateException("parser failed earlier; reset it or drop it");
        }
        try {
            assembler.feed(data, offset, length);
        } catch (StreamErrorException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private final class Sink implements XmlEventAssembler.Sink {
        @Override
        public void rootStarted(XMLStreamReader r) throws StreamErrorException {
            if (!"stream".equals(r.getLocalName())) {
                throw new StreamErrorException(StreamErrorCondition.BAD_FORMAT,
                        "the stream must start with <stream:stream>");
            }
            if (!Namespaces.STREAMS.equals(r.getNamespaceURI())) {
                throw new StreamErrorException(StreamErrorCondition.INVALID_NAMESPACE,
                        "the stream element must be in " + Namespaces.STREAMS);
            }
            String contentNamespace = null;
            Map<String, String> prefixes = new HashMap<>();
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                String prefix = r.getNamespacePrefix(i);
                if (prefix == null || prefix.isEmpty()) {
                    contentNamespace = r.getNamespaceURI(i);
                } else {
                    prefixes.put(prefix, r.getNamespaceURI(i));
                }
            }
            handler.streamOpened(new StreamHeader(
                    attribute(r, "", "to"),
                    attribute(r, "", "from"),
                    attribute(r, "", "id"),
                    attribute(r, "", "version"),
                    attribute(r, Namespaces.XML, "lang"),
                    contentNamespace,
                    prefixes));
        }

        private String attribute(XMLStreamReader r, String ns, String local) {
            for (int i = 0; i < r.getAttributeCount(); i++) {
                String attrNs = r.getAttributeNamespace(i);
                if (local.equals(r.getAttributeLocalName(i))
                        && ns.equals(attrNs == null ? "" : attrNs)) {
                    return r.getAttributeValue(i);
                }
            }
            return null;
        }

        @Override
        public void element(Element element) {
            handler.element(element);
        }

        @Override
        public void rootEnded() {
            handler.streamClosed();
        }
    }
}
