package im.meerkat.server.offline;

import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;

/**
 * Which undeliverable messages are worth keeping (XEP-0160 §3): {@code normal} and {@code chat}
 * messages with a body or other content for the recipient. Chat state notifications alone
 * (XEP-0085 §5.6) and messages marked {@code <no-store/>} or {@code <no-permanent-store/>}
 * (XEP-0334) are dropped; {@code <store/>} keeps a message that would be dropped.
 */
public final class OfflinePolicy {

    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    static final String HINTS = "urn:xmpp:hints";

    private OfflinePolicy() {
    }

    public static boolean worthStoring(Message m) {
        if (m.type() != Message.Type.NORMAL && m.type() != Message.Type.CHAT) {
            return false;
        }
        Element e = m.element();
        if (e.hasChild(hint("store"))) {
            return true;
        }
        if (e.hasChild(hint("no-store")) || e.hasChild(hint("no-permanent-store"))) {
            return false;
        }
        for (Element child : e.elements()) {
            boolean ignorable = child.namespace().equals(CHAT_STATES)
                    || child.namespace().equals(HINTS)
                    || child.is(e.namespace(), "thread");
            if (!ignorable) {
                return true; // a body, a subject or an extension such as a receipt
            }
        }
        return false;
    }

    private static XmlName hint(String name) {
        return XmlName.of(HINTS, name);
    }
}
