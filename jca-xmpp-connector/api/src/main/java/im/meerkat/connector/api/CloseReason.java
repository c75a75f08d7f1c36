package im.meerkat.connector.api;

import im.meerkat.xmpp.error.StreamError;

/**
 * Why a connection ended.
 *
 * @param cause what ended it
 * @param error the stream error sent to the peer, or null if none was sent
 */
public record CloseReason(Cause cause, StreamError error) {

    /** What ended a connection. */
    public enum Cause {
        /** The server closed the stream or the connection. */
        CLOSED_BY_SERVER,
        /** The peer closed its stream or the socket. */
        CLOSED_BY_PEER,
        /** The peer sent something that ended the stream with a stream error. */
        PROTOCOL_ERROR,
        /** The peer did not read what was sent to it fast enough (outbound queue full). */
        SLOW_CONSUMER,
        /** Nothing arrived for longer than the idle timeout. */
        IDLE_TIMEOUT,
        /** The socket or TLS failed. */
        IO_ERROR,
        /** The resource adapter is stopping. */
        SHUTDOWN
    }

    public static CloseReason of(Cause cause) {
        return new CloseReason(cause, null);
    }
}
