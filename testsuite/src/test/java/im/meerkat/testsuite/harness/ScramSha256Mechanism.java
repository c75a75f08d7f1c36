package im.meerkat.testsuite.harness;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.security.auth.callback.CallbackHandler;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/**
 * SCRAM-SHA-256 (RFC 7677) for Smack, which ships only SCRAM-SHA-1: register it once with
 * {@code SASLAuthentication.registerSASLMechanism}. No channel binding.
 */
public final class ScramSha256Mechanism extends SASLMechanism {

    public static final String NAME = "SCRAM-SHA-256";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram scram;
    private boolean verified;

    @Override
    protected void authenticateInternal(CallbackHandler cbh) {
        throw new UnsupportedOperationException("SCRAM-SHA-256 needs a password");
    }

    @Override
    protected byte[] getAuthenticationText() {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        scram = new Scram("SHA-256", saslPrep(authenticationId), saslPrep(password),
                Base64.getEncoder().encodeToString(nonce));
        return scram.clientFirst().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        String text = new String(challenge, StandardCharsets.UTF_8);
        if (text.startsWith("v=")) {
            if (!scram.verifyServerFinal(text)) {
                throw new SmackSaslException("the server's signature is wrong: " + text);
            }
            verified = true;
            return null;
        }
        try {
            return scram.clientFinal(text).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new SmackSaslException("bad server-first-message: " + e.getMessage(), e);
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getPriority() {
        // Above SCRAM-SHA-1 (110), as RFC 7677 recommends.
        return 105;
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!verified) {
            throw new SmackSaslException("the server did not prove it knows the password");
        }
    }

    @Override
    public boolean authzidSupported() {
        return false;
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256Mechanism();
    }
}
