package im.meerkat.connector.rar.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.rar.work.TaskRunner;
import im.meerkat.xmpp.xml.Element;

/** Ordered delivery, soft capacity with pause and resume, and the final event. */
class MailboxTest {

    /** Runs short tasks only when the test says so. */
    private static final class ManualRunner implements TaskRunner {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void runLongRunning(Runnable task, Runnable onRelease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void runShort(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    private final List<DeliveryEvent> delivered = new ArrayList<>();
    private final AtomicInteger detached = new AtomicInteger();
    private final DeliveryTarget target = new DeliveryTarget() {
        @Override
        public void deliver(ConnectionId id, List<DeliveryEvent> events) {
            delivered.addAll(events);
        }

        @Override
        public void detached() {
            detached.incrementAndGet();
        }
    };
    private final ManualRunner runner = new ManualRunner();
    private final DeliveryDispatcher dispatcher = new DeliveryDispatcher(runner, 2);
    private final AtomicInteger resumed = new AtomicInteger();

    private static DeliveryEvent element(int i) {
        return new DeliveryEvent.Received(Element.builder("jabber:client", "message")
                .attribute("id", String.valueOf(i)).build());
    }

    @Test
    void pausesAtCapacityAndResumesAtHalf() {
        Mailbox mailbox = new Mailbox(new ConnectionId(1), target, dispatcher, 4,
                resumed::incrementAndGet);
        for (int i = 0; i < 3; i++) {
            mailbox.offer(element(i));
            assertFalse(mailbox.pauseIfFull());
        }
        mailbox.offer(element(3));
        assertTrue(mailbox.pauseIfFull(), "full at the capacity");
        mailbox.offer(element(4)); // the rest of a read still fits (soft bound)
        runner.runAll();
        assertEquals(1, resumed.get(), "resumed once after draining");
        assertEquals(5, delivered.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(String.valueOf(i),
                    ((DeliveryEvent.Received) delivered.get(i)).element().attribute("id"));
        }
    }

    @Test
    void closedIsLastAndOnlyOnce() {
        Mailbox mailbox = new Mailbox(new ConnectionId(2), target, dispatcher, 4, () -> { });
        mailbox.offer(element(0));
        mailbox.close(CloseReason.of(CloseReason.Cause.CLOSED_BY_PEER));
        mailbox.offer(element(1));
        mailbox.close(CloseReason.of(CloseReason.Cause.IO_ERROR));
        runner.runAll();
        assertEquals(2, delivered.size());
        DeliveryEvent.Closed closed = assertInstanceOf(DeliveryEvent.Closed.class,
                delivered.get(1));
        assertEquals(CloseReason.Cause.CLOSED_BY_PEER, closed.reason().cause());
        assertEquals(1, detached.get());
    }

    @Test
    void manyMailboxesShareBoundedWorkers() {
        List<Mailbox> boxes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Mailbox m = new Mailbox(new ConnectionId(10 + i), target, dispatcher, 4, () -> { });
            boxes.add(m);
            m.offer(element(i));
        }
        assertEquals(2, runner.tasks.size(), "no more tasks than the worker bound");
        runner.runAll();
        assertEquals(10, delivered.size());
    }
}
