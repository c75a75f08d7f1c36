package im.meerkat.testsuite.harness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM exchange (RFC 5802) without channel binding, for a hash such as
 * SHA-256 (RFC 7677), which Smack 4.5 lacks: it only has SCRAM-SHA-1. The password is expected
 * already normalized (SASLprep).
 */
public final class Scram {

    private final String hmac;
    private final String digest;
    private final String user;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    /**
     * @param hash the hash name of the mechanism, "SHA-256" for SCRAM-SHA-256
     */
    public Scram(String hash, String user, String password, String clientNonce) {
        this.digest = hash;
        this.hmac = "Hmac" + hash.replace("-", "");
        this.user = user;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    /** client-first-message, with the GS2 header "n,," (no channel binding, no authzid). */
    public String clientFirst() {
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r="
                + clientNonce;
        return "n,," + clientFirstBare;
    }

    /** client-final-message for the server-first-message; checks the server's nonce. */
    public String clientFinal(String serverFirst) {
        Map<Character, String> fields = fields(serverFirst);
        String nonce = fields.get('r');
        if (nonce == null || !nonce.startsWith(clientNonce) || nonce.equals(clientNonce)) {
            throw new IllegalArgumentException("the server's nonce does not extend ours: "
                    + serverFirst);
        }
        byte[] salt = Base64.getDecoder().decode(fields.get('s'));
        int iterations = Integer.parseInt(fields.get('i'));
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(
                "n,,".getBytes(StandardCharsets.US_ASCII)) + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = hmac(salted, bytes("Client Key"));
        byte[] storedKey = hash(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        expectedServerSignature = hmac(hmac(salted, bytes("Server Key")), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** Whether the server-final-message proves the server knows the password. */
    public boolean verifyServerFinal(String serverFinal) {
        String verifier = fields(serverFinal).get('v');
        return verifier != null && expectedServerSignature != null && MessageDigest.isEqual(
                Base64.getDecoder().decode(verifier), expectedServerSignature);
    }

    private static Map<Character, String> fields(String message) {
        Map<Character, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                fields.put(part.charAt(0), part.substring(2));
            }
        }
        return fields;
    }

    /** Hi() of RFC 5802 §2.2: PBKDF2 with HMAC as the pseudorandom function. */
    private byte[] hi(byte[] key, byte[] salt, int iterations) {
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[first.length - 1] = 1;
        byte[] u = hmac(key, first);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac(key, u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is not available", e);
        }
    }

    private byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " is not available", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
