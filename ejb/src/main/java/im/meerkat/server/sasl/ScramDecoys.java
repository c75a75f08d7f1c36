package im.meerkat.server.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Salts for accounts that do not exist, the same for the same name on this node, so that a
 * SCRAM server-first-message does not tell whether an account exists (RFC 5802 §9 on user
 * enumeration).
 */
public final class ScramDecoys {

    private final byte[] secret = new byte[32];

    public ScramDecoys() {
        new SecureRandom().nextBytes(secret);
    }

    byte[] salt(ScramAlgorithm algorithm, String username) {
        byte[] mac = algorithm.hmac(secret, username.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac, 16);
    }
}
