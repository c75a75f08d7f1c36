package im.meerkat.server.lastactivity;

import im.meerkat.server.account.AccountDeleted;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the end of every session as the account's last activity (XEP-0012 §3), and forgets
 * the record when the account is deleted. A failed write is logged and does not keep the
 * session from ending. No status text is recorded: the text of §3 is that of the user's last
 * unavailable presence, which the presence service would have to hand over.
 */
@ApplicationScoped
public class LogoutRecorder implements SessionObserver {

    private static final Logger LOG = Logger.getLogger(LogoutRecorder.class.getName());

    private LastActivityStore store;
    private Clock clock;

    /** For the container's proxy. */
    protected LogoutRecorder() {
    }

    @Inject
    public LogoutRecorder(LastActivityStore store) {
        this(store, Clock.systemUTC());
    }

    /** For tests: any clock. */
    public LogoutRecorder(LastActivityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void ended(LocalSession session) {
        try {
            store.recordLogout(session.jid().bare(), clock.instant(), null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record the logout of " + session.jid(), e);
        }
    }

    void accountDeleted(@Observes AccountDeleted event) {
        store.delete(event.account());
    }
}
