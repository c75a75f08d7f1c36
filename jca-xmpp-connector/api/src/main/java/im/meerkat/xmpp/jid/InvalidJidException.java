package im.meerkat.xmpp.jid;

/**
 * A string that is not a valid XMPP address under RFC 7622. Where it reaches a peer it becomes
 * the stanza error {@code <jid-malformed/>}.
 */
public class InvalidJidException extends IllegalArgumentException {

    public InvalidJidException(String message) {
        super(message);
    }

    public InvalidJidException(String message, Throwable cause) {
        super(message, cause);
    }
}
