package im.meerkat.server.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import rocks.xmpp.precis.PrecisProfiles;

/**
 * Prepares passwords with the PRECIS OpaqueString profile (RFC 8265 §4.2), as XMPP requires of
 * passwords since RFC 7622 §3 and RFC 6120 §6.3.8, before they are hashed or compared.
 */
public final class Passwords {

    /** A bound against absurd input; PBKDF2 cost grows with the password's length. */
    public static final int MAX_OCTETS = 1023;

    private Passwords() {
    }

    /** The enforced form of {@code password}, or empty when the profile rejects it. */
    public static Optional<String> prepare(String password) {
        if (password == null || password.isEmpty()
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_OCTETS) {
            return Optional.empty();
        }
        try {
            return Optional.of(PrecisProfiles.OPAQUE_STRING.enforce(password));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
