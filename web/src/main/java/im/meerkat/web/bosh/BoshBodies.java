package im.meerkat.web.bosh;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlScope;
import im.meerkat.xmpp.xml.XmlWriter;
import im.meerkat.xmpp.stream.StreamHeader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <body/>} documents this connection manager answers with (XEP-0124 §7-§17,
 * XEP-0206). The {@code xmpp} and {@code stream} prefixes are declared on every body, so that
 * {@code <stream:features/>} and {@code xmpp:version} read as clients expect them; stanzas carry
 * {@code xmlns='jabber:client'} (XEP-0206 §6).
 */
final class BoshBodies {

    /** The BOSH version this connection manager implements (XEP-0124 1.11). */
    static final String VERSION = "1.11";

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
     * The answer to the session creation request (XEP-0124 §7.2, XEP-0206 §5): what the session
     * was granted, and the stream's id ({@code authid}) and domain ({@code from}).
     */
    static String creation(String sid, BoshParams params, BoshRequest request, StreamHeader stream,
            List<Element> elements) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("sid", sid);
        a.put("wait", Long.toString(params.waitTime().toSeconds()));
        a.put("hold", Integer.toString(params.hold()));
        a.put("requests", Integer.toString(params.requests()));
        a.put("inactivity", Long.toString(params.inactivity().toSeconds()));
        a.put("maxpause", Long.toString(params.maxPause().toSeconds()));
        a.put("polling", Long.toString(params.polling().toSeconds()));
        a.put("ver", version(request.ver()));
        a.put("from", stream == null ? request.to() : stream.from());
        a.put("authid", stream == null ? null : stream.id());
        a.put("xmpp:version", "1.0");
        a.put("xmpp:restartlogic", "true");
        return body(a, elements);
    }

    /** §7.2: the lower of the client's version and ours. */
    static String version(String client) {
        if (client == null || !client.matches("\\d+\\.\\d+")) {
            return VERSION;
        }
        String[] c = client.split("\\.");
        String[] s = VERSION.split("\\.");
        int major = Integer.parseInt(c[0]) - Integer.parseInt(s[0]);
        int cmp = major != 0 ? major : Integer.compare(Integer.parseInt(c[1]), Integer.parseInt(s[1]));
        return cmp < 0 ? client : VERSION;
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
