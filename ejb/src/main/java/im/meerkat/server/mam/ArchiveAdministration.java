package im.meerkat.server.mam;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.AdminServiceBean;
import im.meerkat.xmpp.jid.Jid;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Retention of the message archive for administrators (REST {@code /api/archive}, meerkatctl
 * {@code mam-purge-older} and {@code mam-purge}): deletes the messages older than a number of
 * days, of everyone or of one account. Ids sort by time, so "older than" is "id below".
 */
@Stateless
@DeclareRoles(AdminServiceBean.ADMIN_ROLE)
@RolesAllowed(AdminServiceBean.ADMIN_ROLE)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ArchiveAdministration {

    /** About 27 years: beyond that the archive's clock (from 2020) has nothing older. */
    static final int MAX_DAYS = 10_000;

    @Inject
    private ArchiveStore store;
    private Clock clock = Clock.systemUTC();

    /** For the container. */
    public ArchiveAdministration() {
    }

    /** For tests. */
    ArchiveAdministration(ArchiveStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Deletes the messages archived more than {@code days} days ago, of one account (a bare JID)
     * or, when {@code account} is empty, of all.
     *
     * @return how many were deleted
     */
    public int purgeOlderThan(int days, Optional<String> account) throws AdminException {
        return purge(days, account);
    }

    /** Deletes every archived message of one account (a bare JID). */
    public int purgeAll(String account) throws AdminException {
        return purge(null, Optional.of(account));
    }

    private int purge(Integer days, Optional<String> account) throws AdminException {
        if (days != null && (days < 0 || days > MAX_DAYS)) {
            throw new AdminException(AdminException.Kind.INVALID_ARGUMENT,
                    "days must be from 0 to " + MAX_DAYS + ", not " + days);
        }
        String owner = null;
        if (account.isPresent()) {
            Optional<Jid> jid = Jid.tryOf(account.get());
            if (jid.isEmpty() || jid.get().localOrNull() == null || !jid.get().isBare()) {
                throw new AdminException(AdminException.Kind.INVALID_ARGUMENT,
                        "not a bare JID of an account: " + account.get());
            }
            owner = jid.get().toString();
        }
        long below = days == null ? Long.MAX_VALUE
                : ArchiveIds.lowest(clock.instant().minus(Duration.ofDays(days)));
        try {
            return store.deleteBefore(owner, below);
        } catch (SQLException e) {
            throw new IllegalStateException("purging the message archive failed: " + e.getMessage(), e);
        }
    }
}
