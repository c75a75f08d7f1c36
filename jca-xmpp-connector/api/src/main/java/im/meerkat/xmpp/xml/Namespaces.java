package im.meerkat.xmpp.xml;

/** Namespace URIs that the protocol core itself needs. Features keep their own. */
public final class Namespaces {

    /** RFC 6120 §4.8.1: the stream namespace. */
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    /** RFC 6120 §4.8.2: content namespace of client-to-server streams. */
    public static final String CLIENT = "jabber:client";
    /** RFC 6120 §4.8.2: content namespace of server-to-server streams. */
    public static final String SERVER = "jabber:server";
    /** RFC 6120 §4.9.3: stream error conditions. */
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    /** RFC 6120 §8.3.3: stanza error conditions. */
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    /** RFC 6120 §5: STARTTLS. */
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    /** RFC 6120 §6: SASL. */
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** RFC 6120 §7: resource binding. */
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    /** RFC 3921 §3: the legacy session establishment element. */
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    /** RFC 7395 §3.3: WebSocket framing. */
    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    /** The namespace bound to the {@code xml} prefix. */
    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    /** {@code xml:lang}. */
    public static final XmlName XML_LANG = XmlName.of(XML, "lang");

    private Namespaces() {
    }
}
