package im.meerkat.server.sasl;

import im.meerkat.xmpp.jid.Jid;
import java.util.Optional;

/** Where mechanisms find an account's SCRAM keys; the account store provides it. */
@FunctionalInterface
public interface Credentials {

    /** The keys of a bare JID for one hash, or empty when there is no such account. */
    Optional<ScramKeys> scramKeys(Jid account, ScramAlgorithm algorithm);
}
