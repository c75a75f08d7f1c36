package im.meerkat.server.blocking;

import im.meerkat.server.account.AccountDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Deletes an account's block list together with the account, in the same transaction. */
@ApplicationScoped
public class BlockListCleanup {

    private BlockListStore store;

    /** For the container's proxy. */
    protected BlockListCleanup() {
    }

    @Inject
    public BlockListCleanup(BlockListStore store) {
        this.store = store;
    }

    void accountDeleted(@Observes AccountDeleted event) {
        store.delete(event.account());
    }
}
