package im.meerkat.server.roster;

import im.meerkat.server.account.AccountDeleted;
import im.meerkat.server.offline.OfflineStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Deletes what belongs to an account together with the account, in the same transaction,
 * whoever deletes it (admin API, XEP-0133, XEP-0077): its roster and the requests it left
 * pending on other rosters, and its stored messages.
 */
@ApplicationScoped
public class AccountDataCleanup {

    private RosterStore roster;
    private OfflineStore offline;

    /** For the container's proxy. */
    protected AccountDataCleanup() {
    }

    @Inject
    public AccountDataCleanup(RosterStore roster, OfflineStore offline) {
        this.roster = roster;
        this.offline = offline;
    }

    void accountDeleted(@Observes AccountDeleted event) {
        roster.purge(event.account());
        offline.purge(event.account());
    }
}
