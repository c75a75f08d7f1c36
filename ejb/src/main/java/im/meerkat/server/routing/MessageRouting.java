package im.meerkat.server.routing;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;

/**
 * CDI event the {@link Router} fires, synchronously, for each message a local session sends to
 * an account of a served domain, before delivery. Observers (the message archive, XEP-0313)
 * may have a changed message delivered instead, e.g. with a stanza-id (XEP-0359) added.
 */
public final class MessageRouting {

    private final Jid sender;
    private Message message;

    public MessageRouting(Jid sender, Message message) {
        this.sender = sender;
        this.message = message;
    }

    /** The sender's full JID. */
    public Jid sender() {
        return sender;
    }

    /** The message to be delivered, its {@code to} a local account's bare or full JID. */
    public Message message() {
        return message;
    }

    /** Has this message delivered instead; its addresses must stay those of {@link #message()}. */
    public void deliver(Message replacement) {
        this.message = replacement;
    }
}
