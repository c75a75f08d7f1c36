package im.meerkat.server.config;

import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink session settings of persistence unit {@code meerkat}: a read that fails for a
 * communication error is retried once at once, not three times five seconds apart (EclipseLink's
 * default). The datasource destroys a broken connection, so one retry gets a fresh one after a
 * database restart; while the database is unreachable the read fails in milliseconds instead of
 * holding a routing thread for fifteen seconds (architecture invariant 1, docs/ARCHIVE.md).
 */
public class FailFastReads implements SessionCustomizer {

    static final int RETRIES = 1;

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(RETRIES);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
