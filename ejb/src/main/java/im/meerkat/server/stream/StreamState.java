package im.meerkat.server.stream;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a client stream's negotiation (RFC 6120 §4-7) and the transitions between them.
 * A {@link ClientStream} moves only along the declared transitions; any other move is a bug and
 * throws.
 *
 * <pre>
 * AWAIT_HEADER --header--> AWAIT_TLS (TLS required) | AWAIT_AUTH
 * AWAIT_TLS --starttls--> TLS_NEGOTIATING --header--> AWAIT_AUTH
 * AWAIT_AUTH --auth--> AUTHENTICATING --response--> ...
 *            --failure--> AUTH_BACKOFF --delay--> AWAIT_AUTH
 *            --success--> AUTHENTICATED --header--> AWAIT_BIND --bind, or resume (XEP-0198)--> BOUND
 * any --error, close, connection lost--> CLOSED
 * </pre>
 */
public enum StreamState {
    /** Connected; no stream header yet. */
    AWAIT_HEADER,
    /** Features sent with only a required STARTTLS (RFC 6120 §5.3.1). */
    AWAIT_TLS,
    /** {@code <proceed/>} sent; the TLS handshake runs, then a new header comes (§5.4.3.3). */
    TLS_NEGOTIATING,
    /** SASL mechanisms offered (§6.4.1); pre-authentication registration (XEP-0077) is possible. */
    AWAIT_AUTH,
    /** A SASL exchange is under way: a challenge was sent (§6.4.2). */
    AUTHENTICATING,
    /** A SASL failure waits for its delay before it is sent; the client must wait too. */
    AUTH_BACKOFF,
    /** {@code <success/>} sent; a restarted stream header comes (§6.4.6). */
    AUTHENTICATED,
    /** Features with resource binding sent (§7.2); a XEP-0198 resumption may take the place of binding. */
    AWAIT_BIND,
    /** A resource is bound, or a session resumed; stanzas flow (§7.6.1, §8). */
    BOUND,
    /** The stream is over; everything else is ignored. */
    CLOSED;

    private Set<StreamState> next;

    static {
        AWAIT_HEADER.next = EnumSet.of(AWAIT_TLS, AWAIT_AUTH, CLOSED);
        AWAIT_TLS.next = EnumSet.of(TLS_NEGOTIATING, CLOSED);
        TLS_NEGOTIATING.next = EnumSet.of(AWAIT_AUTH, CLOSED);
        AWAIT_AUTH.next = EnumSet.of(TLS_NEGOTIATING, AUTHENTICATING, AUTH_BACKOFF, AUTHENTICATED, CLOSED);
        AUTHENTICATING.next = EnumSet.of(AWAIT_AUTH, AUTH_BACKOFF, AUTHENTICATED, CLOSED);
        AUTH_BACKOFF.next = EnumSet.of(AWAIT_AUTH, CLOSED);
        AUTHENTICATED.next = EnumSet.of(AWAIT_BIND, CLOSED);
        AWAIT_BIND.next = EnumSet.of(BOUND, CLOSED);
        BOUND.next = EnumSet.of(CLOSED);
        CLOSED.next = EnumSet.noneOf(StreamState.class);
    }

    /** Whether this state may be followed by {@code target}; staying is always allowed. */
    public boolean canMoveTo(StreamState target) {
        return target == this || next.contains(target);
    }

    /** Whether a stream header is expected in this state (the first one, or after a restart). */
    public boolean awaitsHeader() {
        return this == AWAIT_HEADER || this == TLS_NEGOTIATING || this == AUTHENTICATED;
    }
}
