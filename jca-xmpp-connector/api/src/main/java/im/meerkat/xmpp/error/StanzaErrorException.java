package im.meerkat.xmpp.error;

/**
 * Raised by a handler that cannot process a stanza; the caller answers the sender with
 * {@link #error()} (RFC 6120 §8.3) and nothing else changes.
 */
public class StanzaErrorException extends Exception {

    private final transient StanzaError error;

    public StanzaErrorException(StanzaError error) {
        super(error.text() == null
                ? error.condition().elementName()
                : error.condition().elementName() + ": " + error.text());
        this.error = error;
    }

    public StanzaErrorException(StanzaErrorCondition condition) {
        this(StanzaError.of(condition));
    }

    public StanzaErrorException(StanzaErrorCondition condition, String text) {
        this(StanzaError.of(condition, text));
    }

    public StanzaError error() {
        return error;
    }
}
