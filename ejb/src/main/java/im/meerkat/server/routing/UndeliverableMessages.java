package im.meerkat.server.routing;

import im.meerkat.xmpp.stanza.Message;

/**
 * Where a {@code normal} or {@code chat} message goes when the addressed account has no
 * available resource with non-negative priority (RFC 6121 §8.5.2.2.1): offline storage (XEP-0160)
 * plugs in here. Until then {@link NoOfflineStorage} refuses and the sender receives
 * {@code <service-unavailable/>}.
 */
public interface UndeliverableMessages {

    /**
     * Takes responsibility for the message, for an account of a served domain that may or may
     * not exist (the implementation checks that).
     *
     * @return true when stored; false to have the sender told {@code <service-unavailable/>}
     */
    boolean accept(Message message);
}
