package im.meerkat.connector.rar.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import im.meerkat.connector.api.BytestreamActivation;
import im.meerkat.connector.rar.bytestreams.BytestreamProxy;
import im.meerkat.connector.rar.bytestreams.BytestreamSettings;

/**
 * Throughput of the SOCKS5 proxy's relay (XEP-0065) over loopback: {@code pairs} streams at
 * once, each carrying {@code mebibytes} from initiator to target. Prints the total rate.
 */
final class ProxyThroughput {

    private ProxyThroughput() {
    }

    static void run(int mebibytes, int pairs) throws Exception {
        BytestreamProxy proxy = BytestreamProxy.open(BytestreamSettings.defaults(),
                new InetSocketAddress("127.0.0.1", 0));
        Thread loop = new Thread(proxy, "proxy65-bench");
        loop.start();
        try {
            List<Socket[]> streams = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                String hash = String.format("%040x", i);
                Socket target = party(proxy, hash);
                Socket initiator = party(proxy, hash);
                if (proxy.activate(hash) != BytestreamActivation.ACTIVATED) {
                    throw new IllegalStateException("not activated: " + hash);
                }
                streams.add(new Socket[] {initiator, target});
            }
            long bytes = (long) mebibytes * 1024 * 1024;
            long start = System.nanoTime();
            List<CompletableFuture<Long>> done = new ArrayList<>();
            for (Socket[] s : streams) {
                CompletableFuture.runAsync(() -> send(s[0], bytes));
                done.add(CompletableFuture.supplyAsync(() -> drain(s[1])));
            }
            long total = 0;
            for (CompletableFuture<Long> d : done) {
                total += d.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d stream(s) of %d MiB through the proxy: %.2f s, %.0f MiB/s"
                    + " in total (%d bytes relayed)%n", pairs, mebibytes, seconds,
                    total / 1024.0 / 1024 / seconds, total);
            for (Socket[] s : streams) {
                s[0].close();
                s[1].close();
            }
        } finally {
            proxy.shutdown();
            proxy.awaitStopped(5000);
        }
    }

    private static void send(Socket s, long bytes) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = s.getOutputStream()) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long drain(Socket s) {
        byte[] chunk = new byte[64 * 1024];
        long n = 0;
        try {
            InputStream in = s.getInputStream();
            for (int r; (r = in.read(chunk)) >= 0;) {
                n += r;
            }
            return n;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Socket party(BytestreamProxy proxy, String hash) throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.address().getPort());
        byte[] address = hash.getBytes(StandardCharsets.US_ASCII);
        s.getOutputStream().write(new byte[] {5, 1, 0});
        s.getOutputStream().write(ByteBuffer.allocate(7 + address.length).put((byte) 5)
                .put((byte) 1).put((byte) 0).put((byte) 3).put((byte) address.length)
                .put(address).putShort((short) 0).array());
        new DataInputStream(s.getInputStream()).readFully(new byte[2 + 7 + address.length]);
        return s;
    }
}
