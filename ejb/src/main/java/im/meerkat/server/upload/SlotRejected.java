package im.meerkat.server.upload;

/**
 * An HTTP request on an upload URL that cannot be served: the status to answer with (RFC 9110
 * §15) and a message for the client. Nothing has been stored when it is thrown.
 */
public class SlotRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public SlotRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
