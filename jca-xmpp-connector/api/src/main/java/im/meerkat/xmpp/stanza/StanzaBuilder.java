package im.meerkat.xmpp.stanza;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.Node;

/** What the three stanza builders share: addresses, id, language, children. */
public abstract sealed class StanzaBuilder<B extends StanzaBuilder<B, S>, S extends Stanza>
        permits Message.Builder, Presence.Builder, Iq.Builder {

    private final String namespace;
    private final Element.Builder element;
    private Jid from;
    private Jid to;

    StanzaBuilder(String namespace, String local) {
        this.namespace = namespace;
        this.element = Element.builder(namespace, local);
    }

    /** The content namespace the stanza is built in. */
    public String namespace() {
        return namespace;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    public B from(Jid jid) {
        this.from = jid;
        element.attribute("from", jid == null ? null : jid.toString());
        return self();
    }

    public B to(Jid jid) {
        this.to = jid;
        element.attribute("to", jid == null ? null : jid.toString());
        return self();
    }

    public B id(String id) {
        element.attribute("id", id);
        return self();
    }

    public B lang(String lang) {
        element.attribute(Namespaces.XML_LANG, lang);
        return self();
    }

    public B attribute(String name, String value) {
        element.attribute(name, value);
        return self();
    }

    public B child(Node child) {
        element.child(child);
        return self();
    }

    public S build() {
        return create(element.build(), from, to);
    }

    abstract S create(Element built, Jid builtFrom, Jid builtTo);
}
