package im.meerkat.server.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash functions SCRAM runs over (RFC 5802 §2.2 and §3): {@code H}, {@code HMAC} and
 * {@code Hi}, which is PBKDF2 with HMAC as its pseudo-random function.
 */
public enum ScramAlgorithm {
    /** SCRAM-SHA-1, RFC 5802. */
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 20),
    /** SCRAM-SHA-256, RFC 7677. */
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32);

    private final String mechanism;
    private final String digest;
    private final String hmac;
    private final String pbkdf2;
    private final int length;

    ScramAlgorithm(String mechanism, String digest, String hmac, String pbkdf2, int length) {
        this.mechanism = mechanism;
        this.digest = digest;
        this.hmac = hmac;
        this.pbkdf2 = pbkdf2;
        this.length = length;
    }

    /** The SASL mechanism name without the {@code -PLUS} suffix. */
    public String mechanism() {
        return mechanism;
    }

    /** Octets in a digest, and so in every key. */
    public int length() {
        return length;
    }

    public byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " is not available", e);
        }
    }

    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is not available", e);
        }
    }

    /**
     * {@code Hi(password, salt, i)}, RFC 5802 §2.2. The password must already be prepared (for
     * XMPP, enforced with the PRECIS OpaqueString profile).
     */
    public byte[] saltedPassword(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, length * 8);
        try {
            // PBEKeySpec hands the JDK's PBKDF2 the password as UTF-8, as SCRAM requires.
            return SecretKeyFactory.getInstance(pbkdf2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(pbkdf2 + " is not available", e);
        } finally {
            spec.clearPassword();
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
