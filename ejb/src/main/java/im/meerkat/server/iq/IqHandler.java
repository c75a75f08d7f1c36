package im.meerkat.server.iq;

import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.XmlName;
import java.util.Set;

/**
 * Answers IQ requests whose payload has one qualified name (RFC 6120 §8.2.3). One class per
 * namespace; the {@link IqDispatcher} finds handlers by {@link #payload()} and lists their
 * {@link #features()} in service discovery.
 */
public interface IqHandler {

    /** The qualified name of the payload element this handler answers. */
    XmlName payload();

    /** Where this handler answers; by default for the server only. */
    default Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER);
    }

    /** The disco#info features it implements (XEP-0030 §3.1); by default its namespace. */
    default Set<String> features() {
        return Set.of(payload().namespace());
    }

    /**
     * The features it adds to disco#info on an account's bare JID (XEP-0030 §3.1 for an account,
     * e.g. {@code urn:xmpp:mam:2}); by default none.
     */
    default Set<String> accountFeatures() {
        return Set.of();
    }

    /**
     * Handles a valid request ({@code get} or {@code set} with exactly one payload).
     *
     * @return the result to send, usually {@code request.iq().result(...)}
     * @throws StanzaErrorException to answer with that error instead
     */
    Iq handle(IqRequest request) throws StanzaErrorException;
}
