package im.meerkat.server.routing;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.stanza.Message;

/**
 * Copies of one-to-one messages for the other resources of the sender and of the recipient,
 * as message carbons do (XEP-0280). The {@link Router} reports each message a client sent that
 * was routed to an account; {@link Delivery} reports each message it delivered to an account.
 */
public interface MessageCopies {

    /** The message as the recipient's sessions receive it (e.g. without a hint meant for the server). */
    Message forRecipient(Message message);

    /**
     * A message was delivered to an account (its {@code to}) by the rules of RFC 6121 §8.5.
     *
     * @param original the message as routed
     * @param delivered the message as written to the recipient's sessions ({@link #forRecipient})
     */
    void received(Message original, Message delivered);

    /** A client sent a message that was routed to an account of a served domain. */
    void sent(LocalSession sender, Message message);
}
