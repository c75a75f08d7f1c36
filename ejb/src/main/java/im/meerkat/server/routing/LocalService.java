package im.meerkat.server.routing;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import java.util.Optional;

/**
 * A service the server hosts at an address of its own, a subdomain of a served domain such as
 * {@code upload.example.org}, {@code proxy.example.org} or {@code pubsub.example.org} (XEP-0030
 * §4: the domain lists it among its items). The {@link Router} hands it every stanza addressed
 * to that domain; it answers the sender itself. Every bean of this type is asked. Services that
 * only answer IQ requests extend {@link IqService}.
 */
public interface LocalService {

    /** The service's address under a served domain, or empty when it is off for that domain. */
    Optional<Jid> address(String servedDomain);

    /** The name shown in the served domain's disco#items. */
    String name();

    /** Whether {@code domain} (of a stanza's {@code to}) is one of this service's addresses. */
    boolean isAt(String domain);

    /** Handles one stanza a local client sent to the service, its {@code from} stamped. */
    void receive(LocalSession sender, Stanza stanza);
}
