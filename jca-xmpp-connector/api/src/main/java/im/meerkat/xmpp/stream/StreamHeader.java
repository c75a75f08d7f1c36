package im.meerkat.xmpp.stream;

import java.util.Map;

import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlWriter;

/**
 * The attributes of an opening stream tag (RFC 6120 §4.7), exactly as sent: values are not
 * validated here, because which errors they deserve depends on who reads them.
 *
 * @param to               the {@code to} attribute, or null
 * @param from             the {@code from} attribute, or null
 * @param id               the {@code id} attribute, or null
 * @param version          the {@code version} attribute, or null
 * @param lang             the {@code xml:lang} attribute, or null
 * @param contentNamespace the default namespace declared on the stream, or null
 * @param prefixes         other namespace prefixes declared on the stream (prefix to URI),
 *                         such as {@code stream} and {@code db}
 */
public record StreamHeader(String to, String from, String id, String version, String lang,
        String contentNamespace, Map<String, String> prefixes) {

    public static final String VERSION_1_0 = "1.0";

    public StreamHeader {
        prefixes = prefixes == null ? Map.of() : Map.copyOf(prefixes);
    }

    /** A header this server sends on a client stream. */
    public static StreamHeader response(String from, String to, String id, String lang) {
        return new StreamHeader(to, from, id, VERSION_1_0, lang, Namespaces.CLIENT,
                Map.of("stream", Namespaces.STREAMS));
    }

    /** The same header in another content namespace (server streams use jabber:server). */
    public StreamHeader withContentNamespace(String namespace) {
        return new StreamHeader(to, from, id, version, lang, namespace, prefixes);
    }

    /**
     * The XML declaration and opening tag, left open: {@code <stream:stream ...>}. The
     * {@code stream} prefix is always bound to the stream namespace.
     */
    public String toXml() {
        StringBuilder b = new StringBuilder(256);
        b.append("<?xml version='1.0'?><stream:stream");
        if (contentNamespace != null) {
            attribute(b, "xmlns", contentNamespace);
        }
        attribute(b, "xmlns:stream", Namespaces.STREAMS);
        prefixes.forEach((prefix, uri) -> {
            if (!prefix.equals("stream")) {
                attribute(b, "xmlns:" + prefix, uri);
            }
        });
        attribute(b, "id", id);
        attribute(b, "from", from);
        attribute(b, "to", to);
        attribute(b, "version", version);
        attribute(b, "xml:lang", lang);
        return b.append('>').toString();
    }

    /** The closing tag of a stream opened with {@link #toXml()}. */
    public static String closeTag() {
        return "</stream:stream>";
    }

    private static void attribute(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(' ').append(name).append("='");
            XmlWriter.escapeAttribute(value, b);
            b.append('\'');
        }
    }
}
