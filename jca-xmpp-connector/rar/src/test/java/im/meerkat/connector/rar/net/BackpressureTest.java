package im.meerkat.connector.rar.net;

import static im.meerkat.connector.rar.net.OrderedDeliveryTest.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.support.EngineFixture;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.xml.Element;

/**
 * Architecture invariant 3: a peer that does not read is disconnected instead of growing the
 * outbound queue, and a listener that falls behind stops the reading of that connection
 * instead of letting its mailbox grow.
 */
class BackpressureTest {

    private static final int QUEUE_LIMIT = 64 * 1024;

    private EngineFixture fixture;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void peerThatDoesNotReadIsDisconnectedWithPolicyViolation() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT
                .withOutboundQueueBytes(QUEUE_LIMIT).withKeepalive(Duration.ZERO));
        Listener listener = fixture.listen("c2s");
        fixture.server.recordElements = false;
        AtomicLong accepted = new AtomicLong();
        AtomicInteger refused = new AtomicInteger();
        Element reply = Element.builder("jabber:client", "message")
                .child(Element.builder("jabber:client", "body").text("z".repeat(4000))).build();
        // The bean answers every stanza with a large one the peer never reads.
        fixture.server.onElement = (id, e) -> {
            if (fixture.server.out().send(id, reply)) {
                accepted.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
        };
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8 * 1024);
            socket.connect(listener.localAddress());
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(HEADER.getBytes(StandardCharsets.UTF_8));
            byte[] request = "<iq type='get' id='x'/>".getBytes(StandardCharsets.UTF_8);
            ConnectionId id = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                while (System.nanoTime() < deadline) {
                    out.write(request);
                    if (id == null && !fixture.server.logs().isEmpty()) {
                        id = fixture.server.awaitConnection();
                    }
                    if (id != null && fixture.server.log(id).closeReason != null) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the server hung up on us: expected
            }
            id = fixture.server.awaitConnection();
            CloseReason reason = fixture.server.awaitClosed(id);
            assertEquals(CloseReason.Cause.SLOW_CONSUMER, reason.cause());
            assertEquals(StreamErrorCondition.POLICY_VIOLATION, reason.error().condition());
            assertTrue(refused.get() >= 1, "the send past the bound is refused");
            // What was accepted is what the kernel's socket buffers took plus the bounded queue:
            // finite, and far below what the peer asked for.
            assertTrue(accepted.get() * 4000 < 64L * 1024 * 1024,
                    "accepted " + accepted.get() + " replies");
        }
    }

    @Test
    void slowListenerPausesReadingAndLosesNothing() throws Exception {
        fixture = new EngineFixture(ConnectorSettings.DEFAULT.withKeepalive(Duration.ZERO));
        Listener listener = fixture.listen("c2s");
        fixture.server.recordElements = false;
        fixture.server.answerHeaders = false;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        fixture.server.onElement = (id, e) -> {
            awaitQuietly(release);
            if (!String.valueOf(delivered.getAndIncrement()).equals(e.attribute("id"))) {
                outOfOrder.incrementAndGet();
            }
        };
        int total = 60_000;
        String padding = "p".repeat(400);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> writeFlood(listener.localAddress(), total, padding,
                written));
        writer.start();

        Thread.sleep(1500);
        long stalledAt = written.get();
        Thread.sleep(1000);
        assertEquals(stalledAt, written.get(), "the server stopped reading the flood");
        assertTrue(stalledAt < (long) total * 400,
                "reading paused long before the end: " + stalledAt + " bytes");

        release.countDown();
        writer.join(60_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (delivered.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(total, delivered.get(), "every element arrives once reading resumes");
        assertEquals(0, outOfOrder.get());
    }

    private static void writeFlood(InetSocketAddress address, int total, String padding,
            AtomicLong written) {
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(16 * 1024);
            socket.connect(address);
            var out = socket.getOutputStream();
            out.write(HEADER.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < total; i++) {
                byte[] stanza = ("<message id='" + i + "'><body>" + padding + "</body></message>")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(stanza);
                written.addAndGet(stanza.length);
            }
            out.write("</stream:stream>".getBytes(StandardCharsets.UTF_8));
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
