package im.meerkat.web.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A {@code jakarta.websocket.Session} as a {@link FrameSocket}: its asynchronous remote. */
final class SessionSocket implements FrameSocket {

    private final Session session;

    SessionSocket(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        closeQuietly(session, code, reason);
    }

    static void closeQuietly(Session session, int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason)));
            }
        } catch (IOException | RuntimeException e) {
            System.getLogger(SessionSocket.class.getName()).log(System.Logger.Level.DEBUG,
                    "closing websocket " + session.getId() + " failed", e);
        }
    }

    /** RFC 6455 §5.5: a close reason fits in 123 octets of UTF-8. */
    private static String truncate(String reason) {
        String r = reason == null ? "" : reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > 120) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
