package im.meerkat.connector.rar.net;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * What server threads have queued for one peer and the selector has not written yet: chunks of
 * serialized XML and {@link Marker}s that take effect when the selector reaches them, so that
 * "start TLS after {@code <proceed/>}" happens exactly after those bytes (architecture
 * invariant 2). Bounded in bytes (invariant 3): a write past the bound empties the queue and
 * leaves only the stream error for the slow consumer. Thread-safe.
 */
final class OutboundQueue {

    /** Actions queued between chunks. */
    enum Marker {
        /** Begin the TLS handshake: everything before it has been written in plaintext. */
        START_TLS,
        /** Replace the parser: the peer's next bytes open a new stream. */
        RESTART_STREAM,
        /** The stream is over: close after everything before has been written. */
        CLOSE
    }

    /** The outcome of queueing a chunk. */
    enum Result { QUEUED, CLOSED, OVERFLOW }

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final long limit;
    private long bytes;
    private boolean closed;
    /** Whether our stream header for the current stream is queued (or written). */
    private boolean headerQueued;

    OutboundQueue(long limit) {
        this.limit = limit;
    }

    synchronized Result add(byte[] chunk) {
        if (closed) {
            return Result.CLOSED;
        }
        if (bytes + chunk.length > limit) {
            return Result.OVERFLOW;
        }
        items.add(chunk);
        bytes += chunk.length;
        return Result.QUEUED;
    }

    /** Queues our stream header; a second one for the same stream is refused. */
    synchronized boolean addHeader(byte[] header) {
        if (closed || headerQueued) {
            return false;
        }
        headerQueued = true;
        items.add(header);
        bytes += header.length;
        return true;
    }

    /** Queues a stream restart or TLS start; what is queued after it belongs to a new stream. */
    synchronized boolean addMarker(Marker marker) {
        if (closed) {
            return false;
        }
        items.add(marker);
        headerQueued = false;
        return true;
    }

    /**
     * Queues the end of the stream: our header first if the peer has not had one (RFC 6120
     * §4.9.1.2), the error if any, the closing tag, and {@link Marker#CLOSE}.
     *
     * @param discard drop what is queued first (a slow consumer will not read it anyway)
     * @return false if the stream was already closing
     */
    synchronized boolean close(Supplier<byte[]> header, byte[] error, byte[] closeTag,
            boolean discard) {
        if (closed) {
            return false;
        }
        closed = true;
        if (discard) {
            items.clear();
            bytes = 0;
        }
        if (!headerQueued) {
            if (error == null) {
                // Nothing was ever said on this stream: there is nothing to close.
                items.add(Marker.CLOSE);
                return true;
            }
            byte[] h = header.get();
            items.add(h);
            bytes += h.length;
        }
        if (error != null) {
            items.add(error);
            bytes += error.length;
        }
        items.add(closeTag);
        bytes += closeTag.length;
        items.add(Marker.CLOSE);
        return true;
    }

    /** Refuses everything from now on, as when the socket is gone. */
    synchronized void shut() {
        closed = true;
        items.clear();
        bytes = 0;
    }

    /** The next chunk ({@code byte[]}) or {@link Marker}, or null. Selector thread only. */
    synchronized Object poll() {
        Object item = items.poll();
        if (item instanceof byte[] chunk) {
            bytes -= chunk.length;
        }
        return item;
    }

    synchronized boolean isEmpty() {
        return items.isEmpty();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized boolean headerQueued() {
        return headerQueued;
    }

    synchronized long bytes() {
        return bytes;
    }
}
