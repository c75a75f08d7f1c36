package im.meerkat.xmpp.xml;

import java.util.Objects;

/**
 * What is already declared where an element is written: the default namespace in scope and
 * whether the {@code stream} prefix is bound (it is inside a TCP stream, RFC 6120 §4.8.5).
 */
public record XmlScope(String defaultNamespace, boolean streamPrefixBound) {

    /** Nothing declared: a standalone document or a WebSocket frame (RFC 7395 §3.3.3). */
    public static final XmlScope NONE = new XmlScope("", false);
    /** Top level of a client-to-server TCP stream. */
    public static final XmlScope CLIENT_STREAM = new XmlScope(Namespaces.CLIENT, true);
    /** Top level of a server-to-server TCP stream. */
    public static final XmlScope SERVER_STREAM = new XmlScope(Namespaces.SERVER, true);

    public XmlScope {
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
    }

    /** The scope at the top level of a stream with this content namespace. */
    public static XmlScope stream(String contentNamespace) {
        if (Namespaces.CLIENT.equals(contentNamespace)) {
            return CLIENT_STREAM;
        }
        if (Namespaces.SERVER.equals(contentNamespace)) {
            return SERVER_STREAM;
        }
        return new XmlScope(contentNamespace, true);
    }
}
