package im.meerkat.web.bosh;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlScope;
import im.meerkat.xmpp.xml.XmlWriter;
import java.util.List;
import java.util.Map;

/**
 * The {@code <body/>} documents this connection manager answers with (XEP-0124 §7-§17,
 * XEP-0206). The {@code xmpp} and {@code stream} prefixes are declared on every body, so that
 * {@code <stream:features/>} and {@code xmpp:version} read as clients expect them; stanzas carry
 * {@code xmlns='jabber:client'} (XEP-0206 §6).
 */
final class BoshBodies {

    private static final XmlScope INSIDE_BODY = new XmlScope(BoshRequest.NAMESPACE, true);

    private BoshBodies() {
    }

    /** An answer carrying these elements, or none. */
    static String payload(List<Element> elements) {
        return body(Map.of(), elements);
    }

    /** The session ends (§13, §17): with {@code condition} when not null, after these elements. */
    static String terminate(BoshCondition condition, List<Element> elements) {
        return condition == null ? body(Map.of("type", "terminate"), elements)
                : body(Map.of("type", "terminate", "condition", condition.value()), elements);
    }

    /**
     * A body with these attributes (in this order when the map keeps one) and children. Attribute
     * names may use the {@code xmpp} prefix.
     */
    static String body(Map<String, String> attributes, List<Element> elements) {
        StringBuilder b = new StringBuilder(128 + 64 * elements.size());
        b.append("<body xmlns='").append(BoshRequest.NAMESPACE)
                .append("' xmlns:xmpp='").append(BoshRequest.XBOSH)
                .append("' xmlns:stream='").append(Namespaces.STREAMS).append('\'');
        attributes.forEach((name, value) -> {
            if (value != null) {
                b.append(' ').append(name).append("='");
                XmlWriter.escapeAttribute(value, b);
                b.append('\'');
            }
        });
        if (elements.isEmpty()) {
            return b.append("/>").toString();
        }
        b.append('>');
        for (Element e : elements) {
            XmlWriter.write(e, INSIDE_BODY, b);
        }
        return b.append("</body>").toString();
    }
}
