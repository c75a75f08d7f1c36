package im.meerkat.server.account;

import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramKeys;
import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Local;
import java.util.Optional;

/** Read access to the SCRAM keys of accounts, for SASL (RFC 5802 §5.1). */
@Local
public interface CredentialStore {

    /** The keys stored for a bare JID and hash, or empty when there is no such account. */
    Optional<ScramKeys> scramKeys(Jid account, ScramAlgorithm algorithm);
}
