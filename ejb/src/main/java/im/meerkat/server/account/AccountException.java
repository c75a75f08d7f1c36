package im.meerkat.server.account;

import jakarta.ejb.ApplicationException;

/** An account operation that cannot be done; the reason tells callers which error to report. */
@ApplicationException(rollback = true)
public class AccountException extends Exception {

    public enum Reason {
        EXISTS,
        NOT_FOUND,
        /** The local part or password is not acceptable (empty, too long, fails its PRECIS profile). */
        INVALID
    }

    private final Reason reason;

    public AccountException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
