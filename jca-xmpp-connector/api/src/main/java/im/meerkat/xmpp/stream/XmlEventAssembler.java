package im.meerkat.xmpp.stream;

import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Text;
import im.meerkat.xmpp.xml.XmlName;

/**
 * Drives an Aalto asynchronous reader and assembles elements from its events. Aalto has no
 * switch that rejects DTDs, entity references, comments or processing instructions, so each
 * event is checked here (RFC 6120 §11.1); limits are counted here too.
 *
 * <p>{@code elementLevel} is the nesting level at which an element is handed out whole: 1 for
 * a standalone document, 2 inside a stream. Not thread-safe; one instance per document.
 */
final class XmlEventAssembler {

    private static final AsyncXMLInputFactory FACTORY = createFactory();
    private static final int PROLOG_KEPT = 1024;

    /** Receives what the assembler produces. */
    interface Sink {
        /** The root element has started (only for streams: elementLevel 2). */
        void rootStarted(XMLStreamReader reader) throws StreamErrorException;

        void element(Element element);

        void rootEnded();
    }

    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final ParserLimits limits;
    private final int elementLevel;
    private final Sink sink;
    private final Deque<Frame> frames = new ArrayDeque<>();
    /** The bytes fed before the root element started, to explain a failure in the prolog. */
    private final StringBuilder prolog = new StringBuilder();
    private long fedBytes;
    private long elementStartOffset = -1;
    private int level;
    private boolean ended;

    XmlEventAssembler(ParserLimits limits, int elementLevel, Sink sink) {
        this.reader = FACTORY.createAsyncForByteArray();
        this.limits = limits;
        this.elementLevel = elementLevel;
        this.sink = sink;
    }

    private static AsyncXMLInputFactory createFactory() {
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(javax.xml.stream.XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(javax.xml.stream.XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    boolean ended() {
        return ended;
    }

    /** Feeds bytes and handles every event they complete. */
    void feed(byte[] data, int offset, int length) throws StreamErrorException {
        if (ended) {
            return;
        }
        if (level == 0 && prolog.length() < PROLOG_KEPT) {
            for (int i = offset; i < offset + length && prolog.length() < PROLOG_KEPT; i++) {
                prolog.append((char) (data[i] & 0xFF));
            }
        }
        try {
            reader.getInputFeeder().feedInput(data, offset, length);
            fedBytes += length;
            drain();
        } catch (XMLStreamException e) {
            throw level == 0 ? prologError(e) : notWellFormed(e);
        }
        checkPendingSize();
    }

    /** Signals that no more input follows; incomplete XML is then an error. */
    void endOfInput() throws StreamErrorException {
        if (ended) {
            return;
        }
        reader.getInputFeeder().endOfInput();
        try {
            drain();
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
        if (!ended) {
            throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                    "document ends before its root element does");
        }
    }

    private void drain() throws XMLStreamException, StreamErrorException {
        while (!ended) {
            int event = reader.next();
            if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                return;
            }
            handle(event);
        }
    }

    private void handle(int event) throws StreamErrorException, XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
            case XMLStreamConstants.START_ELEMENT -> startElement();
            case XMLStreamConstants.END_ELEMENT -> endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                    XMLStreamConstants.SPACE -> text();
            case XMLStreamConstants.COMMENT -> throw restricted("comments are not allowed");
            case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                    throw restricted("processing instructions are not allowed");
            case XMLStreamConstants.DTD -> throw restricted("DTDs are not allowed");
            case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                    XMLStreamConstants.NOTATION_DECLARATION ->
                    throw restricted("entity references other than the predefined five"
                            + " are not allowed");
            case XMLStreamConstants.END_DOCUMENT -> ended = true;
            default -> throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                    "unexpected XML event " + event);
        }
    }

    private void checkEncoding() throws StreamErrorException {
        String encoding = reader.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new StreamErrorException(StreamErrorCondition.UNSUPPORTED_ENCODING,
                    "only UTF-8 is supported");
        }
    }

    private void startElement() throws StreamErrorException, XMLStreamException {
        level++;
        if (level < elementLevel) {
            sink.rootStarted(reader);
            return;
        }
        if (level == elementLevel) {
            elementStartOffset = reader.getLocationInfo().getStartingByteOffset();
        }
        if (level - elementLevel + 1 > limits.maxDepth()) {
            throw policy("element nested deeper than " + limits.maxDepth() + " levels");
        }
        int count = reader.getAttributeCount();
        if (count > limits.maxAttributes()) {
            throw policy("element with more than " + limits.maxAttributes() + " attributes");
        }
        Element.Builder builder = Element.builder(
                XmlName.of(nullToEmpty(reader.getNamespaceURI()), reader.getLocalName()));
        for (int i = 0; i < count; i++) {
            builder.attribute(XmlName.of(nullToEmpty(reader.getAttributeNamespace(i)),
                    reader.getAttributeLocalName(i)), reader.getAttributeValue(i));
        }
        Frame parent = frames.peek();
        if (parent != null) {
            parent.flushText();
        }
        frames.push(new Frame(builder));
    }

    private void endElement() throws StreamErrorException, XMLStreamException {
        level--;
        if (level < elementLevel - 1) {
            ended = true;
            sink.rootEnded();
            return;
        }
        Frame frame = frames.pop();
        frame.flushText();
        Element element = frame.builder.build();
        Frame parent = frames.peek();
        if (parent != null) {
            parent.builder.child(element);
            return;
        }
        long size = reader.getLocationInfo().getEndingByteOffset() - elementStartOffset;
        elementStartOffset = -1;
        if (size > limits.maxStanzaBytes()) {
            throw tooLarge();
        }
        // A standalone document ends only at END_DOCUMENT, so that anything after its root
        // element (a second element, a comment) is still read and rejected.
        sink.element(element);
    }

    private void text() throws StreamErrorException {
        Frame frame = frames.peek();
        if (frame != null) {
            frame.text.append(reader.getTextCharacters(), reader.getTextStart(),
                    reader.getTextLength());
            return;
        }
        // Between stanzas only whitespace may appear (keepalives, RFC 6120 §4.6.1).
        char[] chars = reader.getTextCharacters();
        int end = reader.getTextStart() + reader.getTextLength();
        for (int i = reader.getTextStart(); i < end; i++) {
            char c = chars[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                throw new StreamErrorException(StreamErrorCondition.BAD_FORMAT,
                        "character data outside a stanza");
            }
        }
    }

    /** Bounds the bytes Aalto and the frames hold for an element that has not ended yet. */
    private void checkPendingSize() throws StreamErrorException {
        if (ended) {
            return;
        }
        long start = elementStartOffset >= 0 ? elementStartOffset : lastBoundary();
        if (fedBytes - start > limits.maxStanzaBytes()) {
            throw tooLarge();
        }
    }

    /** Where the token Aalto is still waiting to complete begins. */
    private long lastBoundary() {
        return reader.getLocationInfo().getStartingByteOffset();
    }

    private StreamErrorException tooLarge() {
        return policy("stanza larger than " + limits.maxStanzaBytes() + " bytes");
    }

    private static StreamErrorException policy(String text) {
        return new StreamErrorException(StreamErrorCondition.POLICY_VIOLATION, text);
    }

    private static StreamErrorException restricted(String text) {
        return new StreamErrorException(StreamErrorCondition.RESTRICTED_XML, text);
    }

    /**
     * Aalto fails on a DOCTYPE with an internal subset before it reports a DTD event, so a
     * failure before the root element is checked for a DTD or comment in the bytes read so far.
     */
    private StreamErrorException prologError(XMLStreamException e) {
        if (prolog.indexOf("<!") >= 0) {
            return restricted("DTDs and comments are not allowed");
        }
        return notWellFormed(e);
    }

    private static StreamErrorException notWellFormed(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Unbound namespace prefix")) {
            return new StreamErrorException(StreamErrorCondition.BAD_NAMESPACE_PREFIX,
                    firstLine(message), e);
        }
        if (message.contains("DOCTYPE") || message.contains("entity")) {
            return new StreamErrorException(StreamErrorCondition.RESTRICTED_XML,
                    firstLine(message), e);
        }
        return new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, firstLine(message),
                e);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String nullToEmpty(String s) {
        return s == null ? XMLConstants.NULL_NS_URI : s;
    }

    /** An element being assembled, with the text read since its last child. */
    private static final class Frame {
        final Element.Builder builder;
        final StringBuilder text = new StringBuilder();

        Frame(Element.Builder builder) {
            this.builder = builder;
        }

        void flushText() {
            if (text.length() > 0) {
                builder.child(new Text(text.toString()));
                text.setLength(0);
            }
        }
    }
}
