package im.meerkat.xmpp.stanza;

import java.util.Locale;
import java.util.Optional;

import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;

/** An IQ stanza, RFC 6120 §8.2.3: a request ({@code get}/{@code set}) or its response. */
public final class Iq extends Stanza {

    /** IQ types, RFC 6120 §8.2.3. */
    public enum Type {
        GET, SET, RESULT, ERROR;

        private final String value = name().toLowerCase(Locale.ROOT);

        public String attributeValue() {
            return value;
        }

        static Type of(String attribute) {
            if (attribute != null) {
                for (Type t : values()) {
                    if (t.value.equals(attribute)) {
                        return t;
                    }
                }
            }
            return null;
        }
    }

    private final Type type;

    Iq(Element element, Jid from, Jid to) {
        super(element, from, to);
        this.type = Type.of(element.attribute("type"));
    }

    public static Builder builder(Type type) {
        return new Builder(Namespaces.CLIENT).type(type);
    }

    public static Builder builder(String contentNamespace, Type type) {
        return new Builder(contentNamespace).type(type);
    }

    /** The type, or null when the attribute is missing or has an undefined value. */
    public Type type() {
        return type;
    }

    public boolean isRequest() {
        return type == Type.GET || type == Type.SET;
    }

    /** The one payload element of a request, or of a result that has one. */
    public Optional<Element> payload() {
        return element().firstElement();
    }

    /**
     * Checks the rules of RFC 6120 §8.2.3 that every IQ must meet: an id, a defined type, and
     * exactly one payload child in a request.
     *
     * @throws StanzaErrorException {@code <bad-request/>} when a rule is broken
     */
    public void validate() throws StanzaErrorException {
        if (id() == null || id().isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "IQ without id");
        }
        if (type == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "IQ type must be get, set, result or error");
        }
        if (isRequest() && element().elements().size() != 1) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "an IQ request has exactly one payload element");
        }
    }

    /** An empty result for this request: swapped addresses, same id. */
    public Iq result() {
        return result(null);
    }

    /** A result for this request carrying {@code payload} (may be null). */
    public Iq result(Element payload) {
        Builder b = new Builder(element().namespace()).type(Type.RESULT).id(id())
                .from(to()).to(from());
        if (payload != null) {
            b.child(payload);
        }
        return b.build();
    }

    @Override
    public Iq withFrom(Jid newFrom) {
        return (Iq) super.withFrom(newFrom);
    }

    @Override
    public Iq withTo(Jid newTo) {
        return (Iq) super.withTo(newTo);
    }

    @Override
    Stanza rewrap(Element newElement, Jid newFrom, Jid newTo) {
        return new Iq(newElement, newFrom, newTo);
    }

    /** Builds an IQ. */
    public static final class Builder extends StanzaBuilder<Builder, Iq> {
        Builder(String ns) {
            super(ns, "iq");
        }

        public Builder type(Type type) {
            return attribute("type", type.attributeValue());
        }

        @Override
        Iq create(Element element, Jid from, Jid to) {
            return new Iq(element, from, to);
        }
    }
}
