package im.meerkat.server.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Salts for accounts that do not exist, the same for the same name on this node, so that a
 * SCRAM server-first-message does not tell whether an account exists; with the iteration count
 * new accounts get (RFC 5802 §9 on user
 * enumeration).
 */
public final class ScramDecoys {

    private final byte[] secret = new byte[32];
    private final int iterations;

    /** @param iterations the count new accounts get, which a decoy must show too */
    public ScramDecoys(int iterations) {
        this.iterations = iterations;
        new SecureRandom().nextBytes(secret);
    }

    int iterations() {
        return iterations;
    }

    byte[] salt(ScramAlgorithm algorithm, String username) {
        byte[] mac = algorithm.hmac(secret, username.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac, 16);
    }
}
