package im.meerkat.server.admin;

/** An administrative request that cannot be carried out; nothing was changed. */
public class AdminException extends Exception {

    /** Why the request failed, so callers can map it to an HTTP status or exit code. */
    public enum Kind {
        /** The user, domain or session does not exist. */
        NOT_FOUND,
        /** The account already exists. */
        CONFLICT,
        /** An argument is malformed: a bad JID, an empty password, an unknown domain. */
        INVALID_ARGUMENT
    }

    private final Kind kind;

    public AdminException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
