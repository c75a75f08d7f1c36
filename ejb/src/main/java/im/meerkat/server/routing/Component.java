package im.meerkat.server.routing;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import java.util.Optional;

/**
 * A service the server hosts at an address of its own below a served domain, such as the
 * PubSub service at {@code pubsub.<domain>} (XEP-0060): it answers every stanza sent to that
 * address, and the server's disco#items lists it (XEP-0030 §4). Every bean of this type is asked.
 */
public interface Component {

    /** The component's address for a served domain, if it serves that domain. */
    Optional<Jid> address(String servedDomain);

    /** Whether a stanza to this JID is for the component. */
    boolean isFor(Jid to);

    /** A human-readable name for disco#items. */
    String name();

    /** Handles a stanza a local client sent to the component; it answers the sender itself. */
    void handle(LocalSession sender, Stanza stanza);
}
