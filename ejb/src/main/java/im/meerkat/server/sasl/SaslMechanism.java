package im.meerkat.server.sasl;

/**
 * One SASL mechanism the server offers (RFC 6120 §6.3.3). Each mechanism is a small class in
 * {@link SaslMechanisms}, the registry the stream asks.
 */
public interface SaslMechanism {

    /** The IANA name, such as {@code SCRAM-SHA-256-PLUS}. */
    String name();

    /** Whether the mechanism may be offered on a stream in this context. */
    boolean offered(SaslContext context);

    /** Begins an attempt; the stream has checked {@link #offered}. */
    SaslExchange start(SaslContext context);
}
