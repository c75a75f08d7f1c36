package im.meerkat.server.mam;

import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Node;
import im.meerkat.xmpp.xml.XmlName;
import java.util.ArrayList;
import java.util.List;

/**
 * Unique and stable stanza ids (XEP-0359 §3): the archive adds
 * {@code <stanza-id xmlns='urn:xmpp:sid:0' by='owner' id='...'/>} and first removes any that
 * claims to be by the same entity, which a sender could have forged (§3.3).
 */
public final class StanzaIds {

    public static final String NAMESPACE = "urn:xmpp:sid:0";
    static final XmlName STANZA_ID = XmlName.of(NAMESPACE, "stanza-id");

    private StanzaIds() {
    }

    /** The message without stanza-ids by {@code by}; the same instance when it has none. */
    public static Message strip(Message message, String by) {
        Element e = message.element();
        List<Node> kept = new ArrayList<>(e.children().size());
        boolean removed = false;
        for (Node n : e.children()) {
            if (n instanceof Element c && c.is(STANZA_ID) && by.equals(c.attribute("by"))) {
                removed = true;
            } else {
                kept.add(n);
            }
        }
        return removed ? message(e.withChildren(kept)) : message;
    }

    /** The message with a stanza-id by {@code by} added. */
    public static Message add(Message message, String by, long id) {
        Element e = message.element();
        List<Node> children = new ArrayList<>(e.children());
        children.add(Element.builder(STANZA_ID).attribute("by", by)
                .attribute("id", Long.toString(id)).build());
        return message(e.withChildren(children));
    }

    private static Message message(Element element) {
        try {
            return (Message) Stanza.of(element);
        } catch (StanzaErrorException e) {
            throw new IllegalStateException("a routed message has valid addresses", e);
        }
    }
}
