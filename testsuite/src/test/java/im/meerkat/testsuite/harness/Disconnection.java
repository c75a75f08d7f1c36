package im.meerkat.testsuite.harness;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPConnection;

/**
 * Waits for the server to end a Smack connection, and tells how: the stream error (or other
 * exception) Smack closed it with, or null for a clean close.
 */
public final class Disconnection {

    private final CompletableFuture<Exception> closed = new CompletableFuture<>();
    private final XMPPConnection connection;

    private Disconnection(XMPPConnection connection) {
        this.connection = connection;
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                closed.complete(null);
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }
        });
    }

    /** Starts watching; call before whatever should end the connection. */
    public static Disconnection watch(XMPPConnection connection) {
        return new Disconnection(connection);
    }

    /** The cause of the end; fails the test when the connection is still open after 10 s. */
    public Exception await() {
        try {
            return closed.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(connection.getUser() + " is still connected after 10 s");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
