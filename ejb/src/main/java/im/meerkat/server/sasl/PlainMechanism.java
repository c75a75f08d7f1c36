package im.meerkat.server.sasl;

import im.meerkat.xmpp.jid.InvalidJidException;
import im.meerkat.xmpp.jid.Jid;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * PLAIN (RFC 4616), offered only on encrypted streams (architecture invariant 10). The password
 * is checked against the stored SCRAM-SHA-256 keys by deriving them again with the stored salt.
 */
public final class PlainMechanism implements SaslMechanism {

    public static final String NAME = "PLAIN";

    /** Keys for no account, so that an unknown user costs the same PBKDF2 work as a known one. */
    private final ScramKeys decoy;

    public PlainMechanism() {
        this.decoy = ScramKeys.derive(ScramAlgorithm.SHA_256, "decoy", new byte[16], ScramKeys.MIN_ITERATIONS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean offered(SaslContext context) {
        return context.security().encrypted();
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return response -> evaluate(context, response);
    }

    private SaslStep evaluate(SaslContext context, byte[] response) {
        if (!offered(context)) {
            return SaslStep.fail(SaslFailure.ENCRYPTION_REQUIRED, "PLAIN without TLS");
        }
        String message;
        try {
            message = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(response)).toString();
        } catch (CharacterCodingException e) {
            return SaslStep.fail(SaslFailure.MALFORMED_REQUEST, "PLAIN message is not UTF-8");
        }
        // message = [authzid] NUL authcid NUL passwd (RFC 4616 §2)
        String[] parts = message.split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return SaslStep.fail(SaslFailure.MALFORMED_REQUEST, "PLAIN message needs authzid, authcid, passwd");
        }
        Jid account;
        try {
            account = Jid.of(parts[1], context.domain(), null);
        } catch (InvalidJidException e) {
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "PLAIN user name is not a localpart: " + e.getMessage());
        }
        Optional<String> password = Passwords.prepare(parts[2]);
        Optional<ScramKeys> keys = context.credentials().scramKeys(account, ScramAlgorithm.SHA_256);
        boolean matches = keys.orElse(decoy).matches(password.orElse("\u0000invalid"));
        if (keys.isEmpty() || password.isEmpty() || !matches) {
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, keys.isEmpty()
                    ? "PLAIN for unknown account " + account : "PLAIN with a wrong password for " + account);
        }
        if (!parts[0].isEmpty() && !Jid.tryOf(parts[0]).map(account::equals).orElse(false)) {
            return SaslStep.fail(SaslFailure.INVALID_AUTHZID, account + " may not act as " + parts[0]);
        }
        return new SaslStep.Success(account, null);
    }
}
