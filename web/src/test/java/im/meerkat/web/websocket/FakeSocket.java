package im.meerkat.web.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A WebSocket that records writes and completes them at once, or on demand when held. */
final class FakeSocket implements FrameSocket {

    final List<String> written = new ArrayList<>();
    final List<Consumer<Throwable>> pending = new ArrayList<>();
    boolean hold;
    Integer closeCode;

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        written.add(text);
        if (hold) {
            pending.add(done);
        } else {
            done.accept(null);
        }
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
    }

    void completeAll() {
        hold = false;
        while (!pending.isEmpty()) {
            pending.remove(0).accept(null);
        }
    }
}
