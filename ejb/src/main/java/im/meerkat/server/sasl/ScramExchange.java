package im.meerkat.server.sasl;

import im.meerkat.xmpp.jid.InvalidJidException;
import im.meerkat.xmpp.jid.Jid;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of one SCRAM exchange, RFC 5802 §5 and §7: client-first-message, then
 * client-final-message with the proof. Channel binding follows RFC 5802 §6: a {@code -PLUS}
 * exchange needs the {@code p=} flag with a type this stream has data for; a plain exchange
 * refuses {@code p=}, and refuses {@code y} when the server could have bound (a downgrade).
 */
final class ScramExchange implements SaslExchange {

    private enum Phase { CLIENT_FIRST, CLIENT_FINAL, DONE }

    private final ScramAlgorithm algorithm;
    private final boolean plus;
    private final SaslContext context;
    private final String serverNonce;
    private final ScramDecoys decoys;

    private Phase phase = Phase.CLIENT_FIRST;
    private String gs2Header;
    private byte[] bindingData = new byte[0];
    private Jid account;
    private ScramKeys keys;
    private String nonce;
    private String clientFirstBare;
    private String serverFirst;

    ScramExchange(ScramAlgorithm algorithm, boolean plus, SaslContext context, String serverNonce, ScramDecoys decoys) {
        this.algorithm = algorithm;
        this.plus = plus;
        this.context = context;
        this.serverNonce = serverNonce;
        this.decoys = decoys;
    }

    @Override
    public SaslStep evaluate(byte[] response) {
        Phase current = phase;
        phase = Phase.DONE;
        String message = new String(response, StandardCharsets.UTF_8);
        return switch (current) {
            case CLIENT_FIRST -> clientFirst(message);
            case CLIENT_FINAL -> clientFinal(message);
            case DONE -> SaslStep.fail(SaslFailure.MALFORMED_REQUEST, "SCRAM exchange is over");
        };
    }

    private SaslStep clientFirst(String message) {
        // gs2-header = gs2-cbind-flag "," [authzid] ","
        int first = message.indexOf(',');
        int second = first < 0 ? -1 : message.indexOf(',', first + 1);
        if (second < 0) {
            return malformed("no GS2 header");
        }
        gs2Header = message.substring(0, second + 1);
        String flag = message.substring(0, first);
        String authzid = message.substring(first + 1, second);
        clientFirstBare = message.substring(second + 1);

        SaslStep.Failure bindingFailure = checkBindingFlag(flag);
        if (bindingFailure != null) {
            return bindingFailure;
        }
        String[] attrs = clientFirstBare.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=") || attrs[1].length() == 2) {
            return malformed("client-first-message needs n= then r=");
        }
        Optional<String> username = decodeSaslName(attrs[0].substring(2));
        if (username.isEmpty()) {
            return malformed("bad saslname");
        }
        try {
            account = Jid.of(username.get(), context.domain(), null);
        } catch (InvalidJidException e) {
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "SCRAM user name is not a localpart: " + e.getMessage());
        }
        if (!authzid.isEmpty()) {
            Optional<String> requested = authzid.startsWith("a=") ? decodeSaslName(authzid.substring(2)) : Optional.empty();
            if (requested.isEmpty()) {
                return malformed("bad authzid");
            }
            if (!Jid.tryOf(requested.get()).map(account::equals).orElse(false)) {
                return SaslStep.fail(SaslFailure.INVALID_AUTHZID, account + " may not act as " + requested.get());
            }
        }
        keys = context.credentials().scramKeys(account, algorithm).orElse(null);
        byte[] salt = keys != null ? keys.salt() : decoys.salt(algorithm, account.toString());
        int iterations = keys != null ? keys.iterations() : decoys.iterations();
        nonce = attrs[1].substring(2) + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        phase = Phase.CLIENT_FINAL;
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep.Failure checkBindingFlag(String flag) {
        if (flag.startsWith("p=")) {
            String type = flag.substring(2);
            if (!plus) {
                return malformed("channel binding requested with " + algorithm.mechanism());
            }
            byte[] data = context.security().encrypted() ? context.security().channelBindings().get(type) : null;
            if (data == null || ChannelBinding.supported(context.security()).noneMatch(type::equals)) {
                return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "unsupported channel binding type " + type);
            }
            bindingData = data;
            return null;
        }
        if (plus) {
            return malformed(algorithm.mechanism() + "-PLUS without channel binding");
        }
        if (flag.equals("y") && context.hasChannelBinding()) {
            // RFC 5802 §6: the client could have bound but thinks we cannot: a downgrade.
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "channel binding downgrade");
        }
        return flag.equals("n") || flag.equals("y") ? null : malformed("bad GS2 flag " + flag);
    }

    private SaslStep clientFinal(String message) {
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0 || !message.startsWith("c=")) {
            return malformed("client-final-message needs c= and p=");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[1].startsWith("r=")) {
            return malformed("client-final-message needs r=");
        }
        byte[] binding;
        byte[] proof;
        try {
            binding = Base64.getDecoder().decode(attrs[0].substring(2));
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            return SaslStep.fail(SaslFailure.INCORRECT_ENCODING, "bad base64 in client-final-message");
        }
        if (!MessageDigest.isEqual(binding, expectedBinding())) {
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "channel binding data differ");
        }
        if (!attrs[1].substring(2).equals(nonce)) {
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "nonce differs");
        }
        if (keys == null) {
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "SCRAM for unknown account " + account);
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = algorithm.hmac(keys.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "proof of wrong length for " + account);
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(algorithm.hash(clientKey), keys.storedKey())) {
            return SaslStep.fail(SaslFailure.NOT_AUTHORIZED, "wrong proof (password) for " + account);
        }
        String verifier = "v=" + Base64.getEncoder().encodeToString(algorithm.hmac(keys.serverKey(), authMessage));
        return new SaslStep.Success(account, verifier.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] expectedBinding() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(gs2Header.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(bindingData);
        return b.toByteArray();
    }

    private static SaslStep.Failure malformed(String reason) {
        return SaslStep.fail(SaslFailure.MALFORMED_REQUEST, reason);
    }

    /** RFC 5802 §5.1: {@code =2C} stands for ',' and {@code =3D} for '='; any other '=' is an error. */
    static Optional<String> decodeSaslName(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '=') {
                String escape = name.length() >= i + 3 ? name.substring(i, i + 3) : "";
                if (escape.equals("=2C")) {
                    b.append(',');
                } else if (escape.equals("=3D")) {
                    b.append('=');
                } else {
                    return Optional.empty();
                }
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.length() == 0 ? Optional.empty() : Optional.of(b.toString());
    }
}
