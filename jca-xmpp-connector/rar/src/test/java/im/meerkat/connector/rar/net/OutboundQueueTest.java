package im.meerkat.connector.rar.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bounded, ordered output of one connection (architecture invariants 2 and 3). */
class OutboundQueueTest {

    private static final byte[] HEADER = bytes("<stream:stream>");
    private static final byte[] ERROR = bytes("<stream:error/>");
    private static final byte[] CLOSE = bytes("</stream:stream>");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Object> drain(OutboundQueue queue) {
        List<Object> items = new ArrayList<>();
        Object item;
        while ((item = queue.poll()) != null) {
            items.add(item instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : item);
        }
        return items;
    }

    @Test
    void chunkPastTheBoundIsRefusedAndNothingChanges() {
        OutboundQueue queue = new OutboundQueue(10);
        assertEquals(OutboundQueue.Result.QUEUED, queue.add(new byte[6]));
        assertEquals(OutboundQueue.Result.OVERFLOW, queue.add(new byte[5]));
        assertEquals(6, queue.bytes());
        assertEquals(OutboundQueue.Result.QUEUED, queue.add(new byte[4]));
        assertEquals(10, queue.bytes());
    }

    @Test
    void errorBeforeOurHeaderIsPrecededByOne() {
        // RFC 6120 §4.9.1.2
        OutboundQueue queue = new OutboundQueue(1024);
        assertTrue(queue.close(() -> HEADER, ERROR, CLOSE, false));
        assertEquals(List.of("<stream:stream>", "<stream:error/>", "</stream:stream>",
                OutboundQueue.Marker.CLOSE), drain(queue));
    }

    @Test
    void closeWithoutAStreamWritesNothing() {
        OutboundQueue queue = new OutboundQueue(1024);
        queue.close(() -> HEADER, null, CLOSE, false);
        assertEquals(List.of(OutboundQueue.Marker.CLOSE), drain(queue));
    }

    @Test
    void restartNeedsANewHeader() {
        OutboundQueue queue = new OutboundQueue(1024);
        assertTrue(queue.addHeader(HEADER));
        assertFalse(queue.addHeader(HEADER), "one header per stream");
        assertTrue(queue.addMarker(OutboundQueue.Marker.RESTART_STREAM));
        assertFalse(queue.headerQueued());
        queue.close(() -> bytes("<new>"), ERROR, CLOSE, false);
        assertEquals(List.of("<stream:stream>", OutboundQueue.Marker.RESTART_STREAM, "<new>",
                "<stream:error/>", "</stream:stream>", OutboundQueue.Marker.CLOSE), drain(queue));
    }

    @Test
    void closingForASlowConsumerDropsWhatIsQueued() {
        OutboundQueue queue = new OutboundQueue(1024);
        queue.addHeader(HEADER);
        queue.add(bytes("<message/>"));
        queue.close(() -> HEADER, ERROR, CLOSE, true);
        assertEquals(List.of("<stream:error/>", "</stream:stream>", OutboundQueue.Marker.CLOSE),
                drain(queue));
    }

    @Test
    void nothingIsAcceptedAfterClose() {
        OutboundQueue queue = new OutboundQueue(1024);
        queue.close(() -> HEADER, null, CLOSE, false);
        assertFalse(queue.close(() -> HEADER, ERROR, CLOSE, false), "closes once");
        assertEquals(OutboundQueue.Result.CLOSED, queue.add(new byte[1]));
        assertFalse(queue.addMarker(OutboundQueue.Marker.START_TLS));
        queue.shut();
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
    }
}
