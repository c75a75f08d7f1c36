package im.meerkat.web.bosh;

/** Terminal binding conditions (XEP-0124 §17.2) this connection manager sends. */
public enum BoshCondition {
    /** The body is not a valid BOSH request (missing {@code rid}, {@code to}, ...). */
    BAD_REQUEST("bad-request"),
    /** Unknown {@code sid}, a {@code rid} outside the window or whose answer is gone (§14). */
    ITEM_NOT_FOUND("item-not-found"),
    /** Too many simultaneous requests, too frequent polling, a pause above maxpause (§11, §12). */
    POLICY_VIOLATION("policy-violation"),
    /** The XMPP stream ended with a stream error, carried in the body (XEP-0206 §7). */
    REMOTE_STREAM_ERROR("remote-stream-error"),
    /** The session was idle for longer than its inactivity period. */
    UNDEFINED_CONDITION("undefined-condition");

    private final String value;

    BoshCondition(String value) {
        this.value = value;
    }

    /** The value of the {@code condition} attribute. */
    public String value() {
        return value;
    }
}
