package im.meerkat.server.sasl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry of SASL mechanisms, strongest first (RFC 6120 §6.4.1: the client picks the first
 * it supports, in its own order of preference, but lists should lead with the strongest).
 */
@ApplicationScoped
public class SaslMechanisms {

    private List<SaslMechanism> mechanisms;

    /** For the container's proxy only. */
    protected SaslMechanisms() {
    }

    @Inject
    public SaslMechanisms(ScramSettings settings) {
        this(randomNonces(), settings.iterations());
    }

    /**
     * With a chosen source of server nonces, for tests.
     *
     * @param iterations what a SCRAM challenge for an unknown user shows
     */
    public SaslMechanisms(Supplier<String> nonces, int iterations) {
        ScramDecoys decoys = new ScramDecoys(iterations);
        this.mechanisms = List.of(
                new ScramMechanism(ScramAlgorithm.SHA_256, true, nonces, decoys),
                new ScramMechanism(ScramAlgorithm.SHA_1, true, nonces, decoys),
                new ScramMechanism(ScramAlgorithm.SHA_256, false, nonces, decoys),
                new ScramMechanism(ScramAlgorithm.SHA_1, false, nonces, decoys),
                new PlainMechanism());
    }

    /** The mechanisms to offer on a stream, in the order to list them. */
    public List<SaslMechanism> offered(SaslContext context) {
        return mechanisms.stream().filter(m -> m.offered(context)).toList();
    }

    /** The named mechanism if it is offered on this stream. */
    public Optional<SaslMechanism> find(String name, SaslContext context) {
        return offered(context).stream().filter(m -> m.name().equals(name)).findFirst();
    }

    private static Supplier<String> randomNonces() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        };
    }
}
