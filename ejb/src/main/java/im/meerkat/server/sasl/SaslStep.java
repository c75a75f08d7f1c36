package im.meerkat.server.sasl;

import im.meerkat.xmpp.jid.Jid;
import java.util.Objects;

/** What a SASL exchange answers to one client message (RFC 6120 §6.4.2-6.4.6). */
public sealed interface SaslStep {

    /** Another round: send {@code <challenge/>} with this data. */
    record Challenge(byte[] data) implements SaslStep {
    }

    /**
     * Authenticated as {@code account} (a bare JID); send {@code <success/>} with the additional
     * data, if any.
     */
    record Success(Jid account, byte[] additionalData) implements SaslStep {
        public Success {
            Objects.requireNonNull(account, "account");
        }
    }

    /**
     * The exchange failed. {@code reason} is for the server's log only, never sent: it could tell
     * an attacker which accounts exist.
     */
    record Failure(SaslFailure condition, String reason) implements SaslStep {
        public Failure {
            Objects.requireNonNull(condition, "condition");
        }
    }

    static Failure fail(SaslFailure condition, String reason) {
        return new Failure(condition, reason);
    }
}
