package im.meerkat.xmpp.stream;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import javax.xml.stream.XMLStreamReader;

import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.xml.Element;

/**
 * Parses one complete XML document into an element, with the same restricted-XML checks and
 * limits as {@link XmppStreamParser}. Used where a transport frames each element on its own:
 * WebSocket messages (RFC 7395 §3.3.3) and BOSH bodies (XEP-0124 §4). Thread-safe.
 */
public final class XmlDocumentParser {

    private final ParserLimits limits;

    public XmlDocumentParser(ParserLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Element parse(String document) throws StreamErrorException {
        return parse(document.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws StreamErrorException when the bytes are not exactly one acceptable element
     */
    public Element parse(byte[] document) throws StreamErrorException {
        Element[] result = new Element[1];
        XmlEventAssembler assembler = new XmlEventAssembler(limits, 1,
                new XmlEventAssembler.Sink() {
                    @Override
                    public void rootStarted(XMLStreamReader reader) {
                        // a document's root is the element itself
                    }

                    @Override
                    public void element(Element element) {
                        result[0] = element;
                    }

                    @Override
                    public void rootEnded() {
                        // not reached for documents
                    }
                });
        assembler.feed(document, 0, document.length);
        assembler.endOfInput();
        return result[0];
    }
}
