package im.meerkat.server.iq;

/**
 * Whom the server answers for when it handles an IQ request (RFC 6120 §10.3.3 and §10.5.3.3):
 * itself, the requester's own account, or another local account.
 */
public enum IqScope {
    /** Addressed to a served domain. */
    SERVER,
    /** Addressed to the requester's own bare JID, or to no one (RFC 6120 §10.3.3). */
    OWN_ACCOUNT,
    /** Addressed to the bare JID of another local account. */
    OTHER_ACCOUNT
}
