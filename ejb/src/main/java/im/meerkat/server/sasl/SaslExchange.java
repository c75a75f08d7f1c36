package im.meerkat.server.sasl;

/**
 * One authentication attempt with one mechanism; not thread-safe (the stream calls it under its
 * own lock, one message at a time). After a {@link SaslStep.Success} or {@link SaslStep.Failure}
 * it is finished.
 */
public interface SaslExchange {

    /** Evaluates the client's next message (the initial response first, possibly empty). */
    SaslStep evaluate(byte[] response);
}
