package im.meerkat.server.roster;

import im.meerkat.server.account.AccountException;
import im.meerkat.server.account.AccountStore;
import im.meerkat.server.offline.OfflineStore;
import im.meerkat.xmpp.jid.Jid;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Deletes what belongs to an account when the account is deleted, whoever deletes it (admin
 * API, XEP-0133, XEP-0077): its roster and the requests it left pending on other rosters, and
 * its stored messages. A CDI decorator of the account store, so account code needs no change.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class AccountDataCleanup implements AccountStore {

    @Inject
    @Delegate
    private AccountStore accounts;

    @Inject
    private RosterStore roster;

    @Inject
    private OfflineStore offline;

    @Override
    public void delete(Jid account) throws AccountException {
        accounts.delete(account);
        roster.purge(account);
        offline.purge(account);
    }
}
