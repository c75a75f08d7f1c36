package im.meerkat.server.routing;

import im.meerkat.xmpp.stanza.Message;
import jakarta.enterprise.context.ApplicationScoped;

/** No offline storage: every undeliverable message is refused. */
@ApplicationScoped
public class NoOfflineStorage implements UndeliverableMessages {

    @Override
    public boolean accept(Message message) {
        return false;
    }
}
