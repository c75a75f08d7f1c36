package im.meerkat.web.websocket;

import java.util.function.Consumer;

/**
 * The WebSocket connection under an XMPP stream, as the framing code sees it: asynchronous text
 * writes and a close. The endpoint adapts a {@code jakarta.websocket.Session}; tests use a fake.
 */
interface FrameSocket {

    /**
     * Starts writing one text message; {@code done} is called with null when it is written, or
     * with the failure. It may be called before this method returns.
     */
    void sendText(String text, Consumer<Throwable> done);

    /** Closes the WebSocket with a close frame (RFC 6455 §7.4). */
    void close(int code, String reason);
}
