package im.meerkat.xmpp.error;

/**
 * Raised where input forces the stream to end with a stream error (bad XML, a limit exceeded,
 * an unacceptable header). Whoever owns the stream sends {@link #error()} and closes it.
 */
public class StreamErrorException extends Exception {

    private final transient StreamError error;

    public StreamErrorException(StreamError error) {
        super(describe(error));
        this.error = error;
    }

    public StreamErrorException(StreamErrorCondition condition, String text) {
        this(StreamError.of(condition, text));
    }

    public StreamErrorException(StreamErrorCondition condition, String text, Throwable cause) {
        super(describe(StreamError.of(condition, text)), cause);
        this.error = StreamError.of(condition, text);
    }

    public StreamError error() {
        return error;
    }

    private static String describe(StreamError error) {
        return error.text() == null
                ? error.condition().elementName()
                : error.condition().elementName() + ": " + error.text();
    }
}
