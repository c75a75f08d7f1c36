package im.meerkat.connector.rar.net;

import java.nio.ByteBuffer;

/**
 * Buffers one selector loop lends to the connection it is serving at the moment. Only that
 * loop's thread touches them, and no connection keeps them between events, which is what
 * keeps the heap of an idle connection small.
 */
final class LoopBuffers {

    /** Larger than any TLS record, including the 33 KiB ones large-fragment peers may send. */
    private static final int SIZE = 64 * 1024;

    private final ByteBuffer read = ByteBuffer.allocate(SIZE);
    private final ByteBuffer app = ByteBuffer.allocate(SIZE);
    private final ByteBuffer net = ByteBuffer.allocate(SIZE);

    /** Socket input (ciphertext under TLS). */
    ByteBuffer read() {
        return read;
    }

    /** Decrypted input. */
    ByteBuffer app() {
        return app;
    }

    /** Encrypted output. */
    ByteBuffer net() {
        return net;
    }
}
