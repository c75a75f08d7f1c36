package im.meerkat.server.privatedata;

import im.meerkat.server.account.AccountDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Deletes an account's private XML together with the account, in the same transaction. */
@ApplicationScoped
public class PrivateDataCleanup {

    private PrivateDataStore store;

    /** For the container's proxy. */
    protected PrivateDataCleanup() {
    }

    @Inject
    public PrivateDataCleanup(PrivateDataStore store) {
        this.store = store;
    }

    void accountDeleted(@Observes AccountDeleted event) {
        store.delete(event.account());
    }
}
