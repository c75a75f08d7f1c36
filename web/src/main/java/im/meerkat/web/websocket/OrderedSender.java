package im.meerkat.web.websocket;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one connection's messages in the order they were queued, one at a time, without ever
 * blocking the caller (architecture invariants 2 and 3). The queue is bounded: a client that does
 * not read fast enough to keep it below the bound, or whose write fails or times out, is
 * disconnected with close code 1008 and its later messages are dropped.
 */
final class OrderedSender {

    /** RFC 6455 §7.4.1. */
    static final int NORMAL = 1000;
    static final int POLICY_VIOLATION = 1008;

    private final FrameSocket socket;
    private final int maxQueued;
    private final Deque<String> queue = new ArrayDeque<>();
    private boolean inFlight;
    private boolean pumping;
    private boolean closeAfterFlush;
    private boolean dead;

    OrderedSender(FrameSocket socket, int maxQueued) {
        if (maxQueued <= 0) {
            throw new IllegalArgumentException("maxQueued must be positive: " + maxQueued);
        }
        this.socket = socket;
        this.maxQueued = maxQueued;
    }

    /** Queues a message; false when the connection is closing or was closed (the message is dropped). */
    synchronized boolean send(String text) {
        if (dead || closeAfterFlush) {
            return false;
        }
        if (queue.size() >= maxQueued) {
            abort("the client does not read its messages");
            return false;
        }
        queue.add(text);
        pump();
        return true;
    }

    /** Closes the WebSocket normally once everything queued is written. */
    synchronized void closeAfterFlush() {
        if (!dead && !closeAfterFlush) {
            closeAfterFlush = true;
            pump();
        }
    }

    /** Drops what is queued and closes at once with 1008. */
    synchronized void abort(String reason) {
        if (!dead) {
            dead = true;
            queue.clear();
            socket.close(POLICY_VIOLATION, reason);
        }
    }

    synchronized boolean closed() {
        return dead || closeAfterFlush;
    }

    synchronized int queued() {
        return queue.size();
    }

    private void pump() {
        if (pumping) {
            return; // a write completed inside sendText; the loop below goes on
        }
        pumping = true;
        try {
            while (!inFlight && !dead) {
                String next = queue.poll();
                if (next == null) {
                    if (closeAfterFlush) {
                        dead = true;
                        socket.close(NORMAL, "");
                    }
                    return;
                }
                inFlight = true;
                socket.sendText(next, this::written);
            }
        } finally {
            pumping = false;
        }
    }

    private synchronized void written(Throwable failure) {
        inFlight = false;
        if (failure != null) {
            abort("write failed: " + failure);
            return;
        }
        pump();
    }
}
