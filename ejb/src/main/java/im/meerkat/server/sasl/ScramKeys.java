package im.meerkat.server.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * What a server keeps of a password for one SCRAM hash (RFC 5802 §3 and §5.1): the salt, the
 * iteration count, {@code StoredKey} and {@code ServerKey}. The password cannot be recovered from
 * them, and a client proof can be checked with them alone.
 */
public record ScramKeys(ScramAlgorithm algorithm, byte[] salt, int iterations, byte[] storedKey,
        byte[] serverKey) {

    /** RFC 7677 §4: the smallest iteration count a server should use. */
    public static final int MIN_ITERATIONS = 4096;

    public ScramKeys {
        Objects.requireNonNull(algorithm, "algorithm");
        if (salt.length == 0 || iterations < 1
                || storedKey.length != algorithm.length() || serverKey.length != algorithm.length()) {
            throw new IllegalArgumentException("inconsistent SCRAM keys for " + algorithm.mechanism());
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** Derives the keys from a prepared password (RFC 5802 §3). */
    public static ScramKeys derive(ScramAlgorithm algorithm, String password, byte[] salt, int iterations) {
        byte[] salted = algorithm.saltedPassword(password, salt, iterations);
        byte[] clientKey = algorithm.hmac(salted, bytes("Client Key"));
        byte[] serverKey = algorithm.hmac(salted, bytes("Server Key"));
        return new ScramKeys(algorithm, salt, iterations, algorithm.hash(clientKey), serverKey);
    }

    /** Whether {@code password} is the one these keys were derived from; in constant time. */
    public boolean matches(String password) {
        ScramKeys other = derive(algorithm, password, salt, iterations);
        return MessageDigest.isEqual(storedKey, other.storedKey);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramKeys k && k.algorithm == algorithm && k.iterations == iterations
                && MessageDigest.isEqual(k.salt, salt) && MessageDigest.isEqual(k.storedKey, storedKey)
                && MessageDigest.isEqual(k.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, iterations, java.util.Arrays.hashCode(storedKey));
    }

    @Override
    public String toString() {
        return "ScramKeys[" + algorithm.mechanism() + ", i=" + iterations + "]";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
