package im.meerkat.web.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ordered, one-at-a-time, bounded writes (architecture invariants 2 and 3). */
class OrderedSenderTest {

    private final FakeSocket socket = new FakeSocket();

    @Test
    void writesOneAtATimeInOrder() {
        socket.hold = true;
        OrderedSender sender = new OrderedSender(socket, 10);
        sender.send("a");
        sender.send("b");
        sender.send("c");
        assertEquals(List.of("a"), socket.written, "the next write waits for the last one");
        socket.completeAll();
        socket.completeAll();
        socket.completeAll();
        assertEquals(List.of("a", "b", "c"), socket.written);
        assertEquals(0, sender.queued());
    }

    @Test
    void synchronousCompletionDoesNotRecurse() {
        OrderedSender sender = new OrderedSender(socket, 100_000);
        for (int i = 0; i < 50_000; i++) {
            sender.send("m" + i);
        }
        assertEquals(50_000, socket.written.size());
        assertEquals("m49999", socket.written.get(49_999));
    }

    @Test
    void slowConsumerIsClosedWithPolicyViolation() {
        socket.hold = true;
        OrderedSender sender = new OrderedSender(socket, 2);
        assertTrue(sender.send("a"));
        assertTrue(sender.send("b"));
        assertTrue(sender.send("c"));
        assertNull(socket.closeCode);
        assertFalse(sender.send("d"), "a full queue drops the message");
        assertEquals(OrderedSender.POLICY_VIOLATION, socket.closeCode);
        assertFalse(sender.send("e"));
        assertEquals(0, sender.queued());
    }

    @Test
    void closeWaitsForQueuedWrites() {
        socket.hold = true;
        OrderedSender sender = new OrderedSender(socket, 10);
        sender.send("a");
        sender.send("b");
        sender.closeAfterFlush();
        assertNull(socket.closeCode);
        assertFalse(sender.send("late"));
        socket.completeAll();
        socket.completeAll();
        assertEquals(List.of("a", "b"), socket.written);
        assertEquals(OrderedSender.NORMAL, socket.closeCode);
    }

    @Test
    void failedWriteClosesTheConnection() {
        socket.hold = true;
        OrderedSender sender = new OrderedSender(socket, 10);
        sender.send("a");
        sender.send("b");
        socket.pending.remove(0).accept(new java.io.IOException("timeout"));
        assertEquals(OrderedSender.POLICY_VIOLATION, socket.closeCode);
        assertEquals(List.of("a"), socket.written);
    }

    @Test
    void originsAreMatchedExactly() {
        AllowedOrigins some = AllowedOrigins.parse("https://chat.example.org, https://example.org/");
        assertTrue(some.allows("https://chat.example.org"));
        assertTrue(some.allows("HTTPS://Example.org"));
        assertFalse(some.allows("https://evil.example.net"));
        assertTrue(some.allows(null), "no Origin header: not a browser page");
        assertTrue(AllowedOrigins.parse(null).allows("https://anything"));
        assertTrue(AllowedOrigins.parse("*").allows("https://anything"));
    }
}
