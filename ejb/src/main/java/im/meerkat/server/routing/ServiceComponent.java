package im.meerkat.server.routing;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.stanza.Stanza;

/**
 * A service the server runs on an address of its own, a subdomain of a served domain such as
 * {@code proxy.example.org} (XEP-0030 §4 lists it among the server's items). Every stanza to
 * that domain goes to it; it answers the sender itself. Every bean of this type is asked.
 */
public interface ServiceComponent {

    /** Whether this component has the domain {@code domain} (lower case) on this node. */
    boolean answersFor(String domain);

    /** Handles one stanza from a local client addressed to the component. */
    void receive(LocalSession sender, Stanza stanza);
}
