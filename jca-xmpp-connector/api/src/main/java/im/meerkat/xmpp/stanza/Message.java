package im.meerkat.xmpp.stanza;

import java.util.Locale;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;

/** A message stanza, RFC 6121 §5. */
public final class Message extends Stanza {

    /** Message types, RFC 6121 §5.2.2; an absent or unknown type means {@link #NORMAL}. */
    public enum Type {
        CHAT, ERROR, GROUPCHAT, HEADLINE, NORMAL;

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
            return NORMAL;
        }
    }

    private final Type type;

    Message(Element element, Jid from, Jid to) {
        super(element, from, to);
        this.type = Type.of(element.attribute("type"));
    }

    public static Builder builder() {
        return new Builder(Namespaces.CLIENT);
    }

    public static Builder builder(String contentNamespace) {
        return new Builder(contentNamespace);
    }

    public Type type() {
        return type;
    }

    /** The text of the first {@code <body/>}, or null. */
    public String body() {
        return element().childText(XmlName.of(element().namespace(), "body")).orElse(null);
    }

    @Override
    public Message withFrom(Jid newFrom) {
        return (Message) super.withFrom(newFrom);
    }

    @Override
    public Message withTo(Jid newTo) {
        return (Message) super.withTo(newTo);
    }

    @Override
    Stanza rewrap(Element newElement, Jid newFrom, Jid newTo) {
        return new Message(newElement, newFrom, newTo);
    }

    /** Builds a message. */
    public static final class Builder extends StanzaBuilder<Builder, Message> {
        Builder(String ns) {
            super(ns, "message");
        }

        public Builder type(Type type) {
            return attribute("type", type == Type.NORMAL ? null : type.attributeValue());
        }

        public Builder body(String text) {
            return child(Element.builder(XmlName.of(namespace(), "body")).text(text).build());
        }

        @Override
        Message create(Element element, Jid from, Jid to) {
            return new Message(element, from, to);
        }
    }
}
