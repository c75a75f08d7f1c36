package im.meerkat.server.sasl;

import java.util.function.Supplier;

/**
 * SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677), with or without channel binding
 * ({@code -PLUS}, offered only when the stream has binding data).
 */
public final class ScramMechanism implements SaslMechanism {

    private final ScramAlgorithm algorithm;
    private final boolean plus;
    private final Supplier<String> nonces;
    private final ScramDecoys decoys;

    /**
     * @param nonces the server's part of each nonce: printable ASCII without a comma
     * @param decoys salts for unknown users
     */
    public ScramMechanism(ScramAlgorithm algorithm, boolean plus, Supplier<String> nonces, ScramDecoys decoys) {
        this.algorithm = algorithm;
        this.plus = plus;
        this.nonces = nonces;
        this.decoys = decoys;
    }

    @Override
    public String name() {
        return plus ? algorithm.mechanism() + "-PLUS" : algorithm.mechanism();
    }

    @Override
    public boolean offered(SaslContext context) {
        return !plus || context.hasChannelBinding();
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new ScramExchange(algorithm, plus, context, nonces.get(), decoys);
    }
}
