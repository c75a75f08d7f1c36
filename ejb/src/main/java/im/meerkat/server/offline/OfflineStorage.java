package im.meerkat.server.offline;

import im.meerkat.server.account.AccountStore;
import im.meerkat.server.routing.NoRemoteSessions;
import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.routing.UndeliverableMessages;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;

/**
 * Offline storage (XEP-0160) in place of {@link im.meerkat.server.routing.NoOfflineStorage}:
 * a message for an existing account with no available resource is stored, up to {@code
 * meerkat.offline.limit} per account; past it the sender receives {@code
 * <service-unavailable/>} (XEP-0160 §4). Messages not worth storing ({@link OfflinePolicy}) are
 * dropped without an error.
 *
 * <p>A recipient may become available while a message to it is being stored: its initial
 * presence then fetched the stored messages before this one was written. So after storing, a
 * session of this node that has become available takes the stored messages at once.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class OfflineStorage implements UndeliverableMessages {

    private AccountStore accounts;
    private OfflineStore store;
    private OfflineSettings settings;
    private Clock clock;
    private SessionRegistry sessions;
    private OfflineDelivery delivery;
    private RemoteSessions remote = new NoRemoteSessions();

    /** For the container's proxy. */
    protected OfflineStorage() {
    }

    @Inject
    public OfflineStorage(AccountStore accounts, OfflineStore store, OfflineSettings settings,
            SessionRegistry sessions, OfflineDelivery delivery) {
        this(accounts, store, settings, Clock.systemUTC(), sessions, delivery);
    }

    /** For tests: without sessions, nothing is delivered after storing. */
    public OfflineStorage(AccountStore accounts, OfflineStore store, OfflineSettings settings) {
        this(accounts, store, settings, Clock.systemUTC(), null, null);
    }

    /** For tests: any clock. */
    public OfflineStorage(AccountStore accounts, OfflineStore store, OfflineSettings settings,
            Clock clock, SessionRegistry sessions, OfflineDelivery delivery) {
        this.accounts = accounts;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.sessions = sessions;
        this.delivery = delivery;
    }

    /** Sessions of other nodes get their stored messages through the cluster. */
    @Inject
    void useRemote(RemoteSessions remoteSessions) {
        this.remote = remoteSessions;
    }

    @Override
    public boolean accept(Message message) {
        if (!accounts.exists(message.to())) {
            return false;
        }
        if (!OfflinePolicy.worthStoring(message)) {
            return true;
        }
        if (!store.store(message.to().bare(), clock.millis(), message.element().toXml(),
                settings.limit())) {
            return false;
        }
        deliverIfOnlineNow(message);
        return true;
    }

    /**
     * The account may have become available while the message was routed and stored: then the
     * session's delivery of stored messages may have run before the message was stored, and it
     * is written now, by this node or, with one command, by the node that holds the session.
     * The sender's next stanza is routed after this, so the order holds.
     */
    private void deliverIfOnlineNow(Message message) {
        if (sessions == null) {
            return;
        }
        for (LocalSession s : sessions.locals(message.to().bare())) {
            Presence presence = s.presence();
            if (presence != null && presence.priority() >= 0) {
                delivery.deliver(s);
                return;
            }
        }
        for (SessionRecord r : sessions.records(message.to().bare())) {
            if (r.receivesBareMessages() && !r.channel().node().equals(sessions.node())
                    && remote.deliverStored(r)) {
                return;
            }
        }
    }
}
