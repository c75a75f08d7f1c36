package im.meerkat.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The client side of SCRAM-SHA-256 without channel binding (RFC 5802 §3, RFC 7677). */
final class ScramClient {

    private static final String GS2_HEADER = "n,,";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String password;
    private final String clientFirstBare;
    private byte[] serverSignature;

    ScramClient(String user, String password) {
        this(user, password, randomNonce());
    }

    ScramClient(String user, String password, String nonce) {
        this.password = password;
        String escaped = user.replace("=", "=3D").replace(",", "=2C");
        this.clientFirstBare = "n=" + escaped + ",r=" + nonce;
    }

    private static String randomNonce() {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    byte[] clientFirst() {
        return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    byte[] clientFinal(byte[] serverFirstBytes) throws IOException {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String nonce = attribute(serverFirst, 'r');
        byte[] salt = Base64.getDecoder().decode(attribute(serverFirst, 's'));
        int iterations = Integer.parseInt(attribute(serverFirst, 'i'));
        String channelBinding = Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8));
        String withoutProof = "c=" + channelBinding + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    void verifyServerFinal(byte[] serverFinalBytes) throws IOException {
        String serverFinal = new String(serverFinalBytes, StandardCharsets.UTF_8);
        byte[] claimed = Base64.getDecoder().decode(attribute(serverFinal, 'v'));
        if (!MessageDigest.isEqual(claimed, serverSignature)) {
            throw new IOException("server signature does not match: the server does not know the password");
        }
    }

    private static String attribute(String message, char name) throws IOException {
        for (String part : message.split(",")) {
            if (part.length() > 1 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new IOException("SCRAM message without '" + name + "': " + message);
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
