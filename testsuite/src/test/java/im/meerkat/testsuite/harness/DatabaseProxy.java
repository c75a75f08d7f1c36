package im.meerkat.testsuite.harness;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of the database (127.0.0.1:port to 127.0.0.1:5432) that a test
 * can cut and restore, to take the database away from one node without touching the database
 * server that others use. Cut: every open connection is closed and the port stops listening, so
 * new connections are refused at once. Restore: the same port listens again.
 */
public final class DatabaseProxy implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile long accepted;

    private DatabaseProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        ServerSocket first = listen(0);
        this.port = first.getLocalPort();
        serve(first);
    }

    /** A proxy on a free port to the local PostgreSQL, listening. */
    public static DatabaseProxy toPostgres() {
        try {
            return new DatabaseProxy(5432);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the database proxy: " + e, e);
        }
    }

    /** The port the proxy listens on. */
    public int port() {
        return port;
    }

    /** A JDBC URL of the database {@code name} through the proxy. */
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** Connections accepted since the proxy started. */
    public long accepted() {
        return accepted;
    }

    /** Connections open through the proxy now. */
    public int openConnections() {
        return open.size() / 2;
    }

    /** Closes every connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Listens again on the same port. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            serve(listen(port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port + " again: " + e, e);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(LOOPBACK, port), 50);
        return s;
    }

    private void serve(ServerSocket s) {
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "database-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // cut
            }
            try {
                Socket target = new Socket(LOOPBACK, targetPort);
                synchronized (this) {
                    if (server != s) { // cut meanwhile
                        closeQuietly(client);
                        closeQuietly(target);
                        continue;
                    }
                    open.add(client);
                    open.add(target);
                }
                accepted++;
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed by a cut or by the other side
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "database-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
