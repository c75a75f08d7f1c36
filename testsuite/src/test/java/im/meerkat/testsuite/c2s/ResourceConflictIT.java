package im.meerkat.testsuite.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A second login with a resource already in use (RFC 6120 §7.7.2.2): Meerkat keeps the newer
 * session and ends the older one with a {@code <conflict/>} stream error.
 */
class ResourceConflictIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void newerLoginTakesTheResourceOverAndTheOlderGetsConflict() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection b = clients.connect(bob, "phone");
        XMPPTCPConnection first = clients.connect(alice, "same");
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        first.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                closed.complete(null);
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }
        });

        XMPPTCPConnection second = clients.connect(alice, "same");

        Exception cause = closed.get(10, TimeUnit.SECONDS);
        StreamErrorException error = assertInstanceOf(StreamErrorException.class, cause,
                "the first connection ends with a stream error");
        assertEquals(StreamError.Condition.conflict, error.getStreamError().getCondition());
        assertFalse(first.isConnected());

        assertEquals(alice.full("same"), second.getUser());
        Chat.assertChatting(second, b);
    }
}
