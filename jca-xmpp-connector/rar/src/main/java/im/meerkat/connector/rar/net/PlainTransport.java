package im.meerkat.connector.rar.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import im.meerkat.connector.api.TransportSecurity;

/** TCP without TLS: bytes pass through unchanged. */
final class PlainTransport implements Transport {

    static final PlainTransport INSTANCE = new PlainTransport();

    private PlainTransport() {
    }

    @Override
    public boolean read(SocketChannel channel, ByteBuffer scratch, Sink sink) throws IOException {
        scratch.clear();
        int n = channel.read(scratch);
        if (n < 0) {
            return false;
        }
        if (n > 0) {
            sink.accept(scratch.array(), scratch.arrayOffset(), n);
        }
        return true;
    }

    @Override
    public boolean write(SocketChannel channel, ByteBuffer plain) throws IOException {
        channel.write(plain);
        return !plain.hasRemaining();
    }

    @Override
    public boolean flush(SocketChannel channel) {
        return true;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void closeOutbound() {
        // TCP alone has nothing to say before the FIN
    }

    @Override
    public TransportSecurity security() {
        return TransportSecurity.NONE;
    }
}
