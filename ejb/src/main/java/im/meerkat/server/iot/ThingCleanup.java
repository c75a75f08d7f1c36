package im.meerkat.server.iot;

import im.meerkat.server.account.AccountDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * With an account go, in the same transaction, its registrations as a thing and its claims as an
 * owner: the things it owned become unclaimed.
 */
@ApplicationScoped
public class ThingCleanup {

    private ThingStore store;

    /** For the container's proxy. */
    protected ThingCleanup() {
    }

    @Inject
    public ThingCleanup(ThingStore store) {
        this.store = store;
    }

    void accountDeleted(@Observes AccountDeleted event) {
        store.deleteAccount(event.account().bare().toString());
    }
}
