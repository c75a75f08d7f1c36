package im.meerkat.testsuite.harness;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What the server has sent on one XML stream so far (RFC 6120 §4), parsed with a namespace-aware
 * parser: the stream header, the complete top-level elements in order, and whether the server
 * closed the stream. An element still being received, and anything after a syntax error, is left
 * out.
 */
public final class ReceivedStream {

    public static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS_NS = "urn:ietf:params:xml:ns:xmpp-streams";

    private static final XMLInputFactory FACTORY = factory();

    private final Map<String, String> header;
    private final List<XmlNode> elements;
    private final boolean closed;

    private ReceivedStream(Map<String, String> header, List<XmlNode> elements, boolean closed) {
        this.header = header;
        this.elements = elements;
        this.closed = closed;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Parses the text of a stream as far as it is complete. */
    public static ReceivedStream parse(String text) {
        Map<String, String> header = null;
        List<XmlNode> elements = new ArrayList<>();
        boolean closed = false;
        Deque<Builder> open = new ArrayDeque<>();
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(text));
            while (reader.hasNext() && !closed) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (header == null) {
                        header = attributes(reader);
                    } else {
                        open.push(new Builder(reader.getNamespaceURI() == null ? ""
                                : reader.getNamespaceURI(), reader.getLocalName(),
                                attributes(reader)));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (open.isEmpty()) {
                        closed = true;
                    } else {
                        XmlNode done = open.pop().build();
                        if (open.isEmpty()) {
                            elements.add(done);
                        } else {
                            open.peek().children.add(done);
                        }
                    }
                } else if ((event == XMLStreamConstants.CHARACTERS
                        || event == XMLStreamConstants.CDATA) && !open.isEmpty()) {
                    open.peek().text.append(reader.getText());
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            // The rest has not arrived yet, or is not XML: keep what was complete.
        }
        return new ReceivedStream(header, List.copyOf(elements), closed);
    }

    private static Map<String, String> attributes(XMLStreamReader reader) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        return attributes;
    }

    /** Whether the server's stream header has arrived. */
    public boolean opened() {
        return header != null;
    }

    /** The attributes of the server's stream header, by local name (id, from, version ...). */
    public Map<String, String> header() {
        return header == null ? Map.of() : header;
    }

    public List<XmlNode> elements() {
        return elements;
    }

    /** Whether the server sent its closing stream tag. */
    public boolean closed() {
        return closed;
    }

    public Optional<XmlNode> find(Predicate<XmlNode> test) {
        return elements.stream().filter(test).findFirst();
    }

    public Optional<XmlNode> find(String ns, String localName) {
        return find(e -> e.is(ns, localName));
    }

    /** The stream features (RFC 6120 §4.3.2), once they arrived. */
    public Optional<XmlNode> features() {
        return find(STREAMS_NS, "features");
    }

    /** The defined condition of the stream error (RFC 6120 §4.9.3), if one arrived. */
    public Optional<String> streamError() {
        return find(STREAMS_NS, "error").flatMap(e -> e.condition(STREAM_ERRORS_NS));
    }

    private static final class Builder {
        final String namespace;
        final String name;
        final Map<String, String> attributes;
        final List<XmlNode> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String namespace, String name, Map<String, String> attributes) {
            this.namespace = namespace;
            this.name = name;
            this.attributes = attributes;
        }

        XmlNode build() {
            return new XmlNode(namespace, name, attributes, children, text.toString());
        }
    }
}
