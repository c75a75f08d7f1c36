package im.meerkat.xmpp.xml;

/**
 * Serializes elements as XML text. Element namespaces are written as default namespace
 * declarations where they change, except the stream namespace, which is always written with the
 * {@code stream} prefix because many deployed clients expect {@code <stream:features>}. Text
 * and attribute values are escaped so that parsing the output gives the same element back.
 */
public final class XmlWriter {

    private static final String XML_PREFIX = "xml";

    private XmlWriter() {
    }

    /** The element as a standalone fragment with every namespace it uses declared. */
    public static String toXml(Element element) {
        StringBuilder out = new StringBuilder(128);
        write(element, XmlScope.NONE, out);
        return out.toString();
    }

    /** The element as it is written where {@code scope} is already declared. */
    public static String toXml(Element element, XmlScope scope) {
        StringBuilder out = new StringBuilder(128);
        write(element, scope, out);
        return out.toString();
    }

    public static void write(Element element, XmlScope scope, StringBuilder out) {
        write(element, scope.defaultNamespace(), scope.streamPrefixBound(), out);
    }

    private static void write(Element e, String inheritedDefault, boolean streamBound,
            StringBuilder out) {
        String ns = e.namespace();
        boolean streamElement = ns.equals(Namespaces.STREAMS);
        String defaultForChildren = inheritedDefault;
        out.append('<');
        if (streamElement) {
            out.append("stream:").append(e.localName());
            if (!streamBound) {
                out.append(" xmlns:stream='").append(Namespaces.STREAMS).append('\'');
                streamBound = true;
            }
        } else {
            out.append(e.localName());
            if (!ns.equals(inheritedDefault)) {
                out.append(" xmlns='");
                escapeAttribute(ns, out);
                out.append('\'');
            }
            defaultForChildren = ns;
        }
        int generated = 0;
        for (Attribute a : e.attributes()) {
            XmlName n = a.name();
            out.append(' ');
            if (!n.hasNamespace()) {
                out.append(n.local());
            } else if (n.namespace().equals(Namespaces.XML)) {
                out.append(XML_PREFIX).append(':').append(n.local());
            } else if (n.namespace().equals(Namespaces.STREAMS) && streamBound) {
                out.append("stream:").append(n.local());
            } else {
                String prefix = "ns" + generated++;
                out.append("xmlns:").append(prefix).append("='");
                escapeAttribute(n.namespace(), out);
                out.append("' ").append(prefix).append(':').append(n.local());
            }
            out.append("='");
            escapeAttribute(a.value(), out);
            out.append('\'');
        }
        if (e.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node child : e.children()) {
            if (child instanceof Element c) {
                write(c, defaultForChildren, streamBound, out);
            } else {
                escapeText(((Text) child).value(), out);
            }
        }
        out.append("</");
        if (streamElement) {
            out.append("stream:");
        }
        out.append(e.localName()).append('>');
    }

    /** Escapes character data; characters XML 1.0 cannot carry become U+FFFD. */
    public static void escapeText(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#xD;");
                default -> i = appendChar(s, i, c, out);
            }
        }
    }

    /** Escapes an attribute value written between single quotes. */
    public static void escapeAttribute(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#xD;");
                case '\n' -> out.append("&#xA;");
                case '\t' -> out.append("&#x9;");
                default -> i = appendChar(s, i, c, out);
            }
        }
    }

    /** Appends one character or surrogate pair; returns the index of the last char used. */
    private static int appendChar(String s, int i, char c, StringBuilder out) {
        if (c >= 0x20 && c < 0xD800 || c == '\n' || c == '\t' || c >= 0xE000 && c < 0xFFFE) {
            out.append(c);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        out.append('\uFFFD');
        return i;
    }
}
