package im.meerkat.web.bosh;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A held HTTP request (Servlet 6 asynchronous processing). The answer is written on a container
 * thread ({@link AsyncContext#start}), so that whoever produces it (a router delivering a
 * message, a timer) never waits for a slow client. If the container times the request out first,
 * it gets an empty body.
 */
final class AsyncExchange implements Exchange, AsyncListener {

    static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private final AsyncContext context;
    private final AtomicBoolean answered = new AtomicBoolean();

    AsyncExchange(AsyncContext context) {
        this.context = context;
        context.addListener(this);
    }

    @Override
    public void respond(String body) {
        relay(HttpServletResponse.SC_OK, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends an answer as another node gave it (a forwarded request, {@link BoshForwarder}). */
    void relay(int status, byte[] body) {
        if (answered.compareAndSet(false, true)) {
            context.start(() -> write(status, body));
        }
    }

    private void write(int status, byte[] bytes) {
        try {
            HttpServletResponse response = (HttpServletResponse) context.getResponse();
            response.setStatus(status);
            response.setContentType(CONTENT_TYPE);
            response.setContentLength(bytes.length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        } catch (IOException | IllegalStateException e) {
            System.getLogger(AsyncExchange.class.getName()).log(System.Logger.Level.DEBUG,
                    "a BOSH answer could not be written: " + e);
        } finally {
            try {
                context.complete();
            } catch (IllegalStateException e) {
                // already completed by the container (the client went away)
            }
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        if (answered.compareAndSet(false, true)) {
            write(HttpServletResponse.SC_OK, BoshBodies.payload(List.of()).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        answered.set(true);
    }

    @Override
    public void onError(AsyncEvent event) {
        answered.set(true);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
