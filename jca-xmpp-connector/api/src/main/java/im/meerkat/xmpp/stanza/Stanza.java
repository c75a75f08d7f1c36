package im.meerkat.xmpp.stanza;

import java.util.Objects;

import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.InvalidJidException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.Node;
import im.meerkat.xmpp.xml.XmlName;

/**
 * A message, presence or IQ stanza (RFC 6120 §8): the element it was read from or built as,
 * with the common attributes parsed. Instances are immutable; the {@code with...} methods
 * derive new stanzas.
 */
public abstract sealed class Stanza permits Message, Presence, Iq {

    private final Element element;
    private final Jid from;
    private final Jid to;

    Stanza(Element element, Jid from, Jid to) {
        this.element = element;
        this.from = from;
        this.to = to;
    }

    /**
     * Reads a top-level element of a stream as a stanza.
     *
     * @throws StanzaErrorException {@code <jid-malformed/>} for a bad {@code to} or {@code from},
     *     {@code <bad-request/>} for a bad {@code type}
     * @throws IllegalArgumentException if the element is not a stanza at all; see {@link
     *     #isStanza(Element)}
     */
    public static Stanza of(Element element) throws StanzaErrorException {
        Jid from = parseAddress(element.attribute("from"));
        Jid to = parseAddress(element.attribute("to"));
        switch (element.localName()) {
            case "message":
                return new Message(element, from, to);
            case "presence":
                return new Presence(element, from, to);
            case "iq":
                return new Iq(element, from, to);
            default:
                throw new IllegalArgumentException("not a stanza: " + element.name());
        }
    }

    /** Whether this top-level element is a stanza in a client or server content namespace. */
    public static boolean isStanza(Element element) {
        String ns = element.namespace();
        if (!ns.equals(Namespaces.CLIENT) && !ns.equals(Namespaces.SERVER)) {
            return false;
        }
        String local = element.localName();
        return local.equals("message") || local.equals("presence") || local.equals("iq");
    }

    private static Jid parseAddress(String value) throws StanzaErrorException {
        if (value == null) {
            return null;
        }
        try {
            return Jid.of(value);
        } catch (InvalidJidException e) {
            throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED, e.getMessage());
        }
    }

    public Element element() {
        return element;
    }

    /** The {@code from} address, or null when absent. */
    public Jid from() {
        return from;
    }

    /** The {@code to} address, or null when absent. */
    public Jid to() {
        return to;
    }

    /** The {@code id} attribute, or null. */
    public String id() {
        return element.attribute("id");
    }

    /** The raw {@code type} attribute, or null. */
    public String typeAttribute() {
        return element.attribute("type");
    }

    /** The stanza's {@code xml:lang}, or null. */
    public String lang() {
        return element.attribute(Namespaces.XML_LANG);
    }

    /** Whether this stanza is itself an error ({@code type='error'}). */
    public boolean isError() {
        return "error".equals(typeAttribute());
    }

    /** The same stanza with a new {@code from}; null removes it. */
    public Stanza withFrom(Jid newFrom) {
        return withAddresses(newFrom, to);
    }

    /** The same stanza with a new {@code to}; null removes it. */
    public Stanza withTo(Jid newTo) {
        return withAddresses(from, newTo);
    }

    /** The same stanza with new addresses. */
    public Stanza withAddresses(Jid newFrom, Jid newTo) {
        if (Objects.equals(newFrom, from) && Objects.equals(newTo, to)) {
            return this;
        }
        Element e = element.toBuilder()
                .attribute("from", newFrom == null ? null : newFrom.toString())
                .attribute("to", newTo == null ? null : newTo.toString())
                .build();
        return rewrap(e, newFrom, newTo);
    }

    /**
     * The same stanza moved into another content namespace, as when a stanza passes from a
     * client stream ({@code jabber:client}) to a server stream ({@code jabber:server}).
     */
    public Stanza inNamespace(String contentNamespace) {
        if (element.namespace().equals(contentNamespace)) {
            return this;
        }
        return rewrap(moveNamespace(element, element.namespace(), contentNamespace), from, to);
    }

    private static Element moveNamespace(Element e, String oldNs, String newNs) {
        if (!e.namespace().equals(oldNs)) {
            return e;
        }
        Element.Builder b = Element.builder(newNs, e.localName());
        e.attributes().forEach(a -> b.attribute(a.name(), a.value()));
        for (Node child : e.children()) {
            b.child(child instanceof Element c ? moveNamespace(c, oldNs, newNs) : child);
        }
        return b.build();
    }

    /**
     * The error reply to this stanza (RFC 6120 §8.3.1): addressed back to the sender, from the
     * original recipient, with {@code type='error'}, the same id, the original payload and the
     * error element.
     */
    public Stanza errorReply(StanzaError error) {
        Element.Builder b = Element.builder(element.name())
                .attribute("id", id())
                .attribute("type", "error")
                .attribute("from", to == null ? null : to.toString())
                .attribute("to", from == null ? null : from.toString());
        String lang = lang();
        if (lang != null) {
            b.attribute(Namespaces.XML_LANG, lang);
        }
        for (Element child : element.elements()) {
            if (!child.is(element.namespace(), "error")) {
                b.child(child);
            }
        }
        b.child(error.toElement(element.namespace()));
        return rewrap(b.build(), to, from);
    }

    /** The error reply for a condition with its usual type. */
    public Stanza errorReply(StanzaErrorCondition condition) {
        return errorReply(StanzaError.of(condition));
    }

    /** The error carried by this stanza, or null when it has none. */
    public StanzaError error() {
        return element.child(XmlName.of(element.namespace(), "error"))
                .map(StanzaError::fromElement)
                .orElse(null);
    }

    abstract Stanza rewrap(Element newElement, Jid newFrom, Jid newTo);

    @Override
    public String toString() {
        return element.toXml();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stanza s && s.element.equals(element);
    }

    @Override
    public int hashCode() {
        return element.hashCode();
    }
}
