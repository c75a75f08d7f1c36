package im.meerkat.server.roster;

import im.meerkat.server.cluster.LostSessionObserver;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.routing.Delivery;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The unavailable presence of a session whose node died, for the user's contacts (RFC 6121
 * §4.5.2): the node that held the stream cannot send it any more, so the node that removed the
 * session's record sends it to the contacts with a subscription from the user, as the session's
 * own end would have.
 */
@ApplicationScoped
public class LostSessionPresence implements LostSessionObserver {

    private RosterStore store;
    private Delivery delivery;
    private ServerConfig config;

    /** For the container's proxy. */
    protected LostSessionPresence() {
    }

    @Inject
    public LostSessionPresence(RosterStore store, Delivery delivery, ServerConfig config) {
        this.store = store;
        this.delivery = delivery;
        this.config = config;
    }

    @Override
    public void lost(Jid fullJid, SessionRecord record) {
        if (!record.available()) {
            return;
        }
        Presence unavailable = Presence.builder().type(Presence.Type.UNAVAILABLE).from(fullJid).build();
        for (Jid contact : store.subscribers(fullJid.bare())) {
            if (contact.localOrNull() != null && config.serves(contact.domain())) {
                delivery.deliver(unavailable.withAddresses(fullJid, contact));
            }
        }
    }
}
