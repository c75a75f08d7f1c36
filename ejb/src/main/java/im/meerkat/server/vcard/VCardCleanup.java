package im.meerkat.server.vcard;

import im.meerkat.server.account.AccountDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Deletes an account's vCard together with the account, in the same transaction. */
@ApplicationScoped
public class VCardCleanup {

    private VCardStore store;

    /** For the container's proxy. */
    protected VCardCleanup() {
    }

    @Inject
    public VCardCleanup(VCardStore store) {
        this.store = store;
    }

    void accountDeleted(@Observes AccountDeleted event) {
        store.delete(event.account());
    }
}
