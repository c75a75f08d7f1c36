package im.meerkat.connector.rar.bytestreams;

import static im.meerkat.connector.rar.bytestreams.Socks5HandshakeTest.connect;
import static im.meerkat.connector.rar.bytestreams.Socks5HandshakeTest.greeting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.BytestreamActivation;

/**
 * The proxy over loopback sockets (XEP-0065 §6.3): pairing by hash, activation, the relay in
 * both directions, and its refusals and limits, which never disturb other streams.
 */
class BytestreamProxyTest {

    private static final String HASH = Socks5HandshakeTest.HASH;
    private static final String OTHER = "0000000000000000000000000000000000000001";

    private BytestreamProxy proxy;
    private Thread loop;

    private void start(BytestreamSettings settings) throws IOException {
        proxy = BytestreamProxy.open(settings, new InetSocketAddress("127.0.0.1", 0));
        loop = new Thread(proxy, "socks5-test");
        loop.start();
    }

    private void start() throws IOException {
        start(BytestreamSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.shutdown();
            assertTrue(proxy.awaitStopped(5000));
        }
    }

    /** A party after a successful handshake for {@code hash}. */
    private Socket party(String hash) throws IOException {
        Socket s = raw();
        s.getOutputStream().write(greeting(0));
        assertArrayEquals(new byte[] {5, 0}, read(s, 2));
        s.getOutputStream().write(connect(1, hash));
        assertArrayEquals(connect(0, hash), read(s, 7 + hash.length()), "success reply");
        return s;
    }

    private Socket raw() throws IOException {
        Socket s = new Socket();
        s.connect(proxy.address(), 10_000);
        s.setSoTimeout(30_000);
        return s;
    }

    private static byte[] read(Socket s, int n) throws IOException {
        byte[] bytes = new byte[n];
        new DataInputStream(s.getInputStream()).readFully(bytes);
        return bytes;
    }

    private static byte[] readToEnd(Socket s) throws IOException {
        return s.getInputStream().readAllBytes();
    }

    /** Waits (bounded by the socket timeout) until the proxy closes the connection. */
    private static void assertClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain what was relayed before the close
            }
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
    }

    @Test
    void activationStartsTheRelayInBothDirections() throws Exception {
        start();
        assertEquals(BytestreamActivation.NO_SUCH_STREAM, proxy.activate(HASH));
        try (Socket target = party(HASH)) {
            assertEquals(BytestreamActivation.ONE_PARTY_ONLY, proxy.activate(HASH),
                    "XEP-0065 §6.3.3: only one party connected");
            try (Socket initiator = party(HASH)) {
                assertEquals(BytestreamActivation.ACTIVATED, proxy.activate(HASH));
                assertEquals(BytestreamActivation.ALREADY_ACTIVE, proxy.activate(HASH));

                byte[] file = new byte[1024 * 1024 + 17];
                new Random(65).nextBytes(file);
                CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                    try {
                        return readToEnd(target);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                initiator.getOutputStream().write(file);
                initiator.shutdownOutput();
                assertArrayEquals(file, received.get());

                target.getOutputStream().write("thanks".getBytes());
                target.shutdownOutput();
                assertEquals("thanks", new String(readToEnd(initiator)));
            }
        }
    }

    @Test
    void aWrongGreetingGetsNoAcceptableMethodsAndIsClosedWithoutTouchingOtherStreams()
            throws Exception {
        start();
        try (Socket target = party(HASH); Socket bad = raw()) {
            bad.getOutputStream().write(new byte[] {4, 1, 0});
            assertArrayEquals(new byte[] {5, (byte) 0xFF}, readToEnd(bad));
            try (Socket initiator = party(HASH)) {
                assertEquals(BytestreamActivation.ACTIVATED, proxy.activate(HASH));
                initiator.getOutputStream().write(7);
                assertEquals(7, target.getInputStream().read());
            }
        }
    }

    @Test
    void anUnknownCommandGetsCommandNotSupportedAndIsClosed() throws Exception {
        start();
        try (Socket s = raw()) {
            s.getOutputStream().write(greeting(0));
            assertArrayEquals(new byte[] {5, 0}, read(s, 2));
            s.getOutputStream().write(connect(2, HASH)); // BIND
            byte[] reply = readToEnd(s);
            assertEquals(10, reply.length);
            assertEquals(7, reply[1]);
        }
        assertEquals(BytestreamActivation.NO_SUCH_STREAM, proxy.activate(HASH));
    }

    @Test
    void aThirdPartyForOneStreamIsRefused() throws Exception {
        start();
        try (Socket a = party(HASH); Socket b = party(HASH); Socket c = raw()) {
            c.getOutputStream().write(greeting(0));
            assertArrayEquals(new byte[] {5, 0}, read(c, 2));
            c.getOutputStream().write(connect(1, HASH));
            assertEquals(2, readToEnd(c)[1], "X'02' connection not allowed");
            assertEquals(BytestreamActivation.ACTIVATED, proxy.activate(HASH));
            a.getOutputStream().write(9);
            assertEquals(9, b.getInputStream().read());
        }
    }

    @Test
    void pairsBeyondTheLimitAreRefused() throws Exception {
        start(new BytestreamSettings(true, 1, Duration.ofSeconds(60), 0, 32 * 1024));
        try (Socket a = party(HASH); Socket other = raw()) {
            other.getOutputStream().write(greeting(0));
            read(other, 2);
            other.getOutputStream().write(connect(1, OTHER));
            assertEquals(1, readToEnd(other)[1], "X'01' general failure");
            assertEquals(1, proxy.pairCount());
        }
    }

    @Test
    void aStreamOverTheSizeLimitIsClosed() throws Exception {
        start(new BytestreamSettings(true, 10, Duration.ofSeconds(60), 100_000, 4096));
        try (Socket target = party(HASH); Socket initiator = party(HASH)) {
            assertEquals(BytestreamActivation.ACTIVATED, proxy.activate(HASH));
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                try {
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    target.getInputStream().transferTo(got);
                    return got.size();
                } catch (IOException e) {
                    return -1; // reset: closed as well
                }
            });
            try {
                initiator.getOutputStream().write(new byte[1_000_000]);
            } catch (IOException e) {
                // the proxy closed the stream while it was written: expected
            }
            int got = received.get();
            assertTrue(got <= 100_000 + 4096, "relayed " + got);
            assertEquals(0, proxy.pairCount());
        }
    }

    @Test
    void anIdleStreamIsClosed() throws Exception {
        start(new BytestreamSettings(true, 10, Duration.ofSeconds(1), 0, 4096));
        try (Socket waiting = party(HASH)) {
            assertClosed(waiting);
            assertEquals(BytestreamActivation.NO_SUCH_STREAM, proxy.activate(HASH));
        }
    }
}
