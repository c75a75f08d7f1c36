package im.meerkat.connector.rar.bytestreams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server side of the SOCKS5 handshake (RFC 1928 §3, §4, §6) as XEP-0065 §6.3.2 uses it: the
 * client offers methods, the proxy picks "no authentication required"; the client sends CONNECT
 * with a domain name (the stream's hash, {@code DST.ADDR}) and port 0. Fed with bytes as they
 * arrive, it answers what to write and, at the end, the hash or a failure. Pure: no I/O.
 */
public final class Socks5Handshake {

    static final byte VERSION = 5;
    static final byte NO_AUTHENTICATION = 0;
    static final byte NO_ACCEPTABLE_METHODS = (byte) 0xFF;
    static final byte CONNECT = 1;
    static final byte ATYP_IPV4 = 1;
    static final byte ATYP_DOMAIN = 3;
    static final byte ATYP_IPV6 = 4;

    /** RFC 1928 §6 reply codes. */
    public enum Reply {
        SUCCEEDED(0), GENERAL_FAILURE(1), NOT_ALLOWED(2), COMMAND_NOT_SUPPORTED(7),
        ADDRESS_TYPE_NOT_SUPPORTED(8);

        final byte code;

        Reply(int code) {
            this.code = (byte) code;
        }
    }

    /** Where the handshake is. */
    public enum State {
        /** Waiting for the version/method selection message (RFC 1928 §3). */
        GREETING,
        /** Waiting for the request (§4). */
        REQUEST,
        /** The request was a valid CONNECT: {@link #destination()} holds the hash. */
        REQUESTED,
        /** The peer broke the protocol: write what {@link #feed} returned, then close. */
        FAILED
    }

    private State state = State.GREETING;
    private String destination;

    public State state() {
        return state;
    }

    /** The {@code DST.ADDR} of a valid CONNECT, once {@link State#REQUESTED}. */
    public String destination() {
        return destination;
    }

    /**
     * Consumes what it can of {@code in} (left in read mode; a partial message stays in it) and
     * returns the bytes to write to the peer, empty when it needs more input. After {@link
     * State#REQUESTED} the caller writes {@link #reply(Reply, String)} itself, once it knows
     * whether the stream can be paired.
     */
    public byte[] feed(ByteBuffer in) {
        return switch (state) {
            case GREETING -> greeting(in);
            case REQUEST -> request(in);
            case REQUESTED, FAILED -> new byte[0];
        };
    }

    private byte[] greeting(ByteBuffer in) {
        if (in.remaining() < 2) {
            return new byte[0];
        }
        int start = in.position();
        byte version = in.get(start);
        int methods = in.get(start + 1) & 0xFF;
        if (version != VERSION) {
            state = State.FAILED;
            return new byte[] {VERSION, NO_ACCEPTABLE_METHODS};
        }
        if (in.remaining() < 2 + methods) {
            return new byte[0];
        }
        boolean noAuthentication = false;
        for (int i = 0; i < methods; i++) {
            noAuthentication |= in.get(start + 2 + i) == NO_AUTHENTICATION;
        }
        in.position(start + 2 + methods);
        if (!noAuthentication) {
            state = State.FAILED;
            return new byte[] {VERSION, NO_ACCEPTABLE_METHODS};
        }
        state = State.REQUEST;
        return new byte[] {VERSION, NO_AUTHENTICATION};
    }

    private byte[] request(ByteBuffer in) {
        if (in.remaining() < 5) {
            return new byte[0];
        }
        int start = in.position();
        byte version = in.get(start);
        byte command = in.get(start + 1);
        byte addressType = in.get(start + 3);
        if (version != VERSION) {
            return fail(Reply.GENERAL_FAILURE);
        }
        if (command != CONNECT) {
            return fail(Reply.COMMAND_NOT_SUPPORTED);
        }
        if (addressType != ATYP_DOMAIN) {
            // XEP-0065 §5.3.2: the address is always the hash, sent as a domain name
            return fail(Reply.ADDRESS_TYPE_NOT_SUPPORTED);
        }
        int length = in.get(start + 4) & 0xFF;
        if (in.remaining() < 5 + length + 2) {
            return new byte[0];
        }
        if (length == 0) {
            return fail(Reply.GENERAL_FAILURE);
        }
        byte[] address = new byte[length];
        in.get(start + 5, address);
        in.position(start + 5 + length + 2); // DST.PORT: 0 by XEP-0065, not checked
        destination = new String(address, StandardCharsets.US_ASCII);
        state = State.REQUESTED;
        return new byte[0];
    }

    private byte[] fail(Reply reply) {
        state = State.FAILED;
        return reply(reply, null);
    }

    /**
     * A reply message (RFC 1928 §6): on success {@code BND.ADDR} is the destination hash as a
     * domain name and port 0 (XEP-0065 §6.3.2), on failure the IPv4 address 0.0.0.0.
     */
    public static byte[] reply(Reply reply, String destination) {
        if (reply == Reply.SUCCEEDED) {
            byte[] address = destination.getBytes(StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.allocate(7 + address.length);
            out.put(VERSION).put(reply.code).put((byte) 0).put(ATYP_DOMAIN)
                    .put((byte) address.length).put(address).putShort((short) 0);
            return out.array();
        }
        return new byte[] {VERSION, reply.code, 0, ATYP_IPV4, 0, 0, 0, 0, 0, 0};
    }
}
