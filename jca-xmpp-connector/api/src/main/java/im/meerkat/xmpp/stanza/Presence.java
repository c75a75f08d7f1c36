package im.meerkat.xmpp.stanza;

import java.util.Locale;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;

/** A presence stanza, RFC 6121 §4 (availability) and §3 (subscriptions). */
public final class Presence extends Stanza {

    /** Presence types, RFC 6121 §4.7.1; no type attribute means {@link #AVAILABLE}. */
    public enum Type {
        AVAILABLE(null),
        UNAVAILABLE("unavailable"),
        SUBSCRIBE("subscribe"),
        SUBSCRIBED("subscribed"),
        UNSUBSCRIBE("unsubscribe"),
        UNSUBSCRIBED("unsubscribed"),
        PROBE("probe"),
        ERROR("error");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /** The attribute value, null for available presence. */
        public String attributeValue() {
            return value;
        }

        /** The type named by an attribute value, or null if the value is not defined. */
        static Type of(String attribute) {
            if (attribute == null) {
                return AVAILABLE;
            }
            for (Type t : values()) {
                if (attribute.equals(t.value)) {
                    return t;
                }
            }
            return null;
        }

        public boolean isSubscription() {
            return this == SUBSCRIBE || this == SUBSCRIBED || this == UNSUBSCRIBE
                    || this == UNSUBSCRIBED;
        }
    }

    private final Type type;

    Presence(Element element, Jid from, Jid to) {
        super(element, from, to);
        this.type = Type.of(element.attribute("type"));
    }

    public static Builder builder() {
        return new Builder(Namespaces.CLIENT);
    }

    public static Builder builder(String contentNamespace) {
        return new Builder(contentNamespace);
    }

    /** The type, or null when the {@code type} attribute has an undefined value. */
    public Type type() {
        return type;
    }

    /**
     * The priority, RFC 6121 §4.7.2.3: an integer from -128 to 127, zero when absent or not a
     * number.
     */
    public int priority() {
        String p = element().childText(XmlName.of(element().namespace(), "priority")).orElse(null);
        if (p == null) {
            return 0;
        }
        try {
            int value = Integer.parseInt(p.trim());
            return Math.max(-128, Math.min(127, value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Presence withFrom(Jid newFrom) {
        return (Presence) super.withFrom(newFrom);
    }

    @Override
    public Presence withTo(Jid newTo) {
        return (Presence) super.withTo(newTo);
    }

    @Override
    Stanza rewrap(Element newElement, Jid newFrom, Jid newTo) {
        return new Presence(newElement, newFrom, newTo);
    }

    /** Builds a presence. */
    public static final class Builder extends StanzaBuilder<Builder, Presence> {
        Builder(String ns) {
            super(ns, "presence");
        }

        public Builder type(Type type) {
            return attribute("type", type.attributeValue());
        }

        public Builder priority(int priority) {
            return child(Element.builder(XmlName.of(namespace(), "priority"))
                    .text(Integer.toString(priority)).build());
        }

        @Override
        Presence create(Element element, Jid from, Jid to) {
            return new Presence(element, from, to);
        }
    }
}
