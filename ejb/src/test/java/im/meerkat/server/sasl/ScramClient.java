package im.meerkat.server.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The client side of SCRAM (RFC 5802 §3), computed independently of the server code except for
 * the primitive hash functions, for tests that need a real exchange.
 */
public final class ScramClient {

    private final ScramAlgorithm algorithm;
    private final String password;
    private final String gs2Header;
    private final byte[] bindingData;
    private final String clientFirstBare;
    private byte[] serverSignature;

    /** @param cbType channel binding type for -PLUS, or null for {@code n,,} */
    public ScramClient(ScramAlgorithm algorithm, String user, String password, String clientNonce,
            String cbType, byte[] bindingData) {
        this.algorithm = algorithm;
        this.password = password;
        this.gs2Header = cbType == null ? "n,," : "p=" + cbType + ",,";
        this.bindingData = bindingData == null ? new byte[0] : bindingData;
        this.clientFirstBare = "n=" + user + ",r=" + clientNonce;
    }

    public byte[] clientFirst() {
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String attr : serverFirst.split(",")) {
            switch (attr.charAt(0)) {
                case 'r' -> nonce = attr.substring(2);
                case 's' -> salt = Base64.getDecoder().decode(attr.substring(2));
                case 'i' -> iterations = Integer.parseInt(attr.substring(2));
                default -> { }
            }
        }
        byte[] cb = (gs2Header.getBytes(StandardCharsets.UTF_8));
        byte[] cbind = new byte[cb.length + bindingData.length];
        System.arraycopy(cb, 0, cbind, 0, cb.length);
        System.arraycopy(bindingData, 0, cbind, cb.length, bindingData.length);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);

        byte[] salted = algorithm.saltedPassword(password, salt, iterations);
        byte[] clientKey = algorithm.hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = algorithm.hash(clientKey);
        byte[] signature = algorithm.hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        byte[] serverKey = algorithm.hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8));
        serverSignature = algorithm.hmac(serverKey, authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the server-final-message proves the server knew the keys. */
    public boolean verifies(byte[] serverFinal) {
        byte[] expected = ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, serverFinal);
    }
}
