package im.meerkat.server.routing;

import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.util.Optional;

/** Writing stanzas as XML in tests, and reading what the server answered. */
public final class Xml {

    private static final XmlDocumentParser PARSER = new XmlDocumentParser(ParserLimits.DEFAULT);

    private Xml() {
    }

    /** Parses one element; a root without {@code xmlns} is put in {@code jabber:client}. */
    public static Element parse(String xml) {
        String doc = xml.trim();
        int end = 1;
        while (end < doc.length() && " />".indexOf(doc.charAt(end)) < 0) {
            end++;
        }
        String head = doc.substring(0, doc.indexOf('>') + 1);
        if (!head.contains("xmlns=") && !head.contains("xmlns:")) {
            doc = doc.substring(0, end) + " xmlns='" + Namespaces.CLIENT + "'" + doc.substring(end);
        }
        try {
            return PARSER.parse(doc);
        } catch (StreamErrorException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    /** The defined condition of the stanza error carried by an element, if it carries one. */
    public static Optional<StanzaErrorCondition> errorCondition(Element stanza) {
        if (!"error".equals(stanza.attribute("type"))) {
            return Optional.empty();
        }
        return stanza.child(XmlName.of(stanza.namespace(), "error")).map(e -> {
            for (Element c : e.elements()) {
                if (c.namespace().equals(Namespaces.STANZA_ERRORS) && !c.localName().equals("text")) {
                    return StanzaErrorCondition.fromElementName(c.localName());
                }
            }
            return StanzaErrorCondition.UNDEFINED_CONDITION;
        });
    }
}
