package im.meerkat.connector.rar.bytestreams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import im.meerkat.connector.rar.bytestreams.Socks5Handshake.State;

/** The SOCKS5 handshake of XEP-0065 §6.3.2 over RFC 1928, fed in memory. */
class Socks5HandshakeTest {

    static final String HASH = "8d0a6f0d6a3a4b5c0f3e7c8e3b8c9d0a1b2c3d4e";

    static byte[] greeting(int... methods) {
        byte[] bytes = new byte[2 + methods.length];
        bytes[0] = 5;
        bytes[1] = (byte) methods.length;
        for (int i = 0; i < methods.length; i++) {
            bytes[2 + i] = (byte) methods[i];
        }
        return bytes;
    }

    static byte[] connect(int command, String host) {
        byte[] address = host.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(7 + address.length).put((byte) 5).put((byte) command)
                .put((byte) 0).put((byte) 3).put((byte) address.length).put(address)
                .putShort((short) 0).array();
    }

    private static ByteBuffer buffer(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(1024);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.flip();
    }

    @Test
    void noAuthenticationIsChosenAndTheConnectNamesTheHash() {
        Socks5Handshake h = new Socks5Handshake();
        ByteBuffer in = buffer(greeting(2, 0));
        assertArrayEquals(new byte[] {5, 0}, h.feed(in));
        assertEquals(State.REQUEST, h.state());
        assertEquals(0, in.remaining(), "greeting consumed");

        in = buffer(connect(1, HASH), new byte[] {42});
        assertEquals(0, h.feed(in).length, "the reply waits for the pairing");
        assertEquals(State.REQUESTED, h.state());
        assertEquals(HASH, h.destination());
        assertEquals(1, in.remaining(), "bytes after the request are left for the relay");
    }

    @Test
    void partialMessagesWaitForTheirRest() {
        Socks5Handshake h = new Socks5Handshake();
        byte[] greeting = greeting(0, 1, 2);
        ByteBuffer in = buffer(new byte[] {greeting[0], greeting[1], greeting[2]});
        assertEquals(0, h.feed(in).length);
        assertEquals(State.GREETING, h.state());
        assertEquals(3, in.remaining(), "nothing consumed yet");
        in = buffer(greeting);
        assertArrayEquals(new byte[] {5, 0}, h.feed(in));

        byte[] connect = connect(1, HASH);
        for (int cut : new int[] {1, 4, 5, 20, connect.length - 1}) {
            ByteBuffer part = ByteBuffer.wrap(connect, 0, cut).slice();
            assertEquals(0, h.feed(part).length);
            assertEquals(State.REQUEST, h.state(), "after " + cut + " bytes");
            assertEquals(cut, part.remaining());
        }
        h.feed(ByteBuffer.wrap(connect));
        assertEquals(State.REQUESTED, h.state());
    }

    @Test
    void aGreetingWithoutNoAuthenticationIsRefused() {
        // RFC 1928 §3: X'FF' NO ACCEPTABLE METHODS, then the client closes
        Socks5Handshake h = new Socks5Handshake();
        assertArrayEquals(new byte[] {5, (byte) 0xFF}, h.feed(buffer(greeting(2))));
        assertEquals(State.FAILED, h.state());
    }

    @Test
    void anotherVersionIsRefused() {
        Socks5Handshake h = new Socks5Handshake();
        assertArrayEquals(new byte[] {5, (byte) 0xFF}, h.feed(buffer(new byte[] {4, 1, 0})));
        assertEquals(State.FAILED, h.state());
        assertEquals(0, h.feed(buffer(greeting(0))).length, "nothing after a failure");
    }

    @Test
    void bindAndUdpAreNotSupported() {
        for (int command : new int[] {2, 3, 9}) {
            Socks5Handshake h = new Socks5Handshake();
            h.feed(buffer(greeting(0)));
            byte[] reply = h.feed(buffer(connect(command, HASH)));
            assertEquals(State.FAILED, h.state());
            assertEquals(10, reply.length);
            assertEquals(5, reply[0]);
            assertEquals(7, reply[1], "RFC 1928 §6: X'07' Command not supported");
            assertNull(h.destination());
        }
    }

    @Test
    void addressesOtherThanADomainNameAreNotSupported() {
        Socks5Handshake h = new Socks5Handshake();
        h.feed(buffer(greeting(0)));
        byte[] ipv4 = {5, 1, 0, 1, 127, 0, 0, 1, 0, 80};
        byte[] reply = h.feed(buffer(ipv4));
        assertEquals(State.FAILED, h.state());
        assertEquals(8, reply[1], "X'08' Address type not supported");
    }

    @Test
    void aWrongRequestVersionIsAGeneralFailure() {
        Socks5Handshake h = new Socks5Handshake();
        h.feed(buffer(greeting(0)));
        byte[] request = connect(1, HASH);
        request[0] = 4;
        assertEquals(1, h.feed(buffer(request))[1]);
        assertEquals(State.FAILED, h.state());
    }

    @Test
    void theSuccessReplyEchoesTheHashAsADomainName() {
        byte[] reply = Socks5Handshake.reply(Socks5Handshake.Reply.SUCCEEDED, HASH);
        assertArrayEquals(connect(0, HASH), reply,
                "VER 5, REP 0, RSV, ATYP 3, the hash, port 0 (XEP-0065 §6.3.2)");
    }
}
