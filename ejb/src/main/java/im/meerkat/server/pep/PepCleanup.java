package im.meerkat.server.pep;

import im.meerkat.server.account.AccountDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Deletes an account's PEP nodes and items together with the account, in the same transaction. */
@ApplicationScoped
public class PepCleanup {

    private PepStore store;

    /** For the container's proxy. */
    protected PepCleanup() {
    }

    @Inject
    public PepCleanup(PepStore store) {
        this.store = store;
    }

    void accountDeleted(@Observes AccountDeleted event) {
        store.deleteAccount(event.account());
    }
}
