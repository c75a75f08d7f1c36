package im.meerkat.server.routing;

import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import java.util.Optional;

/**
 * A service the server hosts at an address of its own, a subdomain of a served domain such as
 * {@code upload.example.org} (XEP-0030 §4: the domain lists it among its items). The
 * {@link Router} hands it the IQ requests addressed to it; messages get
 * {@code <service-unavailable/>} and presence is dropped. Every bean of this type is asked.
 */
public interface LocalService {

    /** The service's address under a served domain, or empty when it is off for that domain. */
    Optional<Jid> address(String servedDomain);

    /** The name shown in the served domain's disco#items. */
    String name();

    /** Whether {@code domain} (of a stanza's {@code to}) is one of this service's addresses. */
    boolean isAt(String domain);

    /**
     * Answers a valid IQ request ({@code get} or {@code set}, one payload) from a local user.
     *
     * @throws StanzaErrorException to answer with that error instead
     */
    Iq handle(Jid from, Iq request) throws StanzaErrorException;
}
