package im.meerkat.server.offline;

import im.meerkat.server.account.AccountStore;
import im.meerkat.server.routing.UndeliverableMessages;
import im.meerkat.xmpp.stanza.Message;
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
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class OfflineStorage implements UndeliverableMessages {

    private AccountStore accounts;
    private OfflineStore store;
    private OfflineSettings settings;
    private Clock clock;

    /** For the container's proxy. */
    protected OfflineStorage() {
    }

    @Inject
    public OfflineStorage(AccountStore accounts, OfflineStore store, OfflineSettings settings) {
        this(accounts, store, settings, Clock.systemUTC());
    }

    /** For tests: any clock. */
    public OfflineStorage(AccountStore accounts, OfflineStore store, OfflineSettings settings,
            Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean accept(Message message) {
        if (!accounts.exists(message.to())) {
            return false;
        }
        if (!OfflinePolicy.worthStoring(message)) {
            return true;
        }
        return store.store(message.to().bare(), clock.millis(), message.element().toXml(),
                settings.limit());
    }
}
