package im.meerkat.server.carbons;

import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;

/** The rules of XEP-0280 that need no server state: which messages are copied, and how. */
public final class Carbons {

    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    public static final String FORWARD = "urn:xmpp:forward:0";
    static final XmlName PRIVATE = XmlName.of(NAMESPACE, "private");
    static final XmlName NO_COPY = XmlName.of("urn:xmpp:hints", "no-copy");
    static final XmlName SENT = XmlName.of(NAMESPACE, "sent");
    static final XmlName RECEIVED = XmlName.of(NAMESPACE, "received");
    static final XmlName MUC_USER = XmlName.of("http://jabber.org/protocol/muc#user", "x");

    private Carbons() {
    }

    /**
     * XEP-0280 §6: type {@code chat}, or {@code normal} with a body. Not: errors (the server
     * does not track which message an error answers), groupchat and headline, messages from a
     * MUC room (private messages included), messages with {@code <private/>} (§9) or the
     * {@code <no-copy/>} hint (XEP-0334 §4.2), and copies themselves.
     */
    public static boolean eligible(Message m) {
        Element e = m.element();
        if (e.hasChild(PRIVATE) || e.hasChild(NO_COPY) || e.hasChild(MUC_USER)
                || e.hasChild(SENT) || e.hasChild(RECEIVED)) {
            return false;
        }
        return switch (m.type()) {
            case CHAT -> true;
            case NORMAL -> m.body() != null;
            default -> false;
        };
    }

    /** The message without {@code <private/>}, which the recipient need not see (§9). */
    public static Message withoutPrivate(Message m) {
        if (!m.element().hasChild(PRIVATE)) {
            return m;
        }
        return rewrap(m.element().toBuilder().removeChildren(PRIVATE).build());
    }

    /**
     * The copy for one resource (§7, §8): the same type, from the account's bare JID, to the
     * resource, with {@code <sent/>} or {@code <received/>} around the forwarded message.
     */
    static Message copy(XmlName wrapper, Jid account, Jid resource, Message forwarded) {
        Element forward = Element.builder(FORWARD, "forwarded").child(forwarded.element()).build();
        return Message.builder(forwarded.element().namespace()).type(forwarded.type())
                .from(account).to(resource)
                .child(Element.builder(wrapper).child(forward).build())
                .build();
    }

    private static Message rewrap(Element element) {
        try {
            return (Message) Stanza.of(element);
        } catch (StanzaErrorException e) {
            throw new IllegalStateException("addresses of a routed message became invalid", e);
        }
    }
}
