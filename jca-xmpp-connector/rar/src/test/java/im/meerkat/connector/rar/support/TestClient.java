package im.meerkat.connector.rar.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A blocking socket client that writes strings and reads until it sees what it waits for. */
public final class TestClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    public volatile X509Certificate[] serverCertificates;

    public TestClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads until the text so far contains {@code expected}; returns all of it. */
    public String readUntil(String expected) throws IOException {
        byte[] buffer = new byte[8192];
        while (!text().contains(expected)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("end of stream before '" + expected + "'; got: " + text());
            }
            received.write(buffer, 0, n);
        }
        return text();
    }

    /** Reads until the server closes the connection; returns all text received. */
    public String readToEnd() throws IOException {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("not closed by the server; got: " + text(), e);
        } catch (IOException e) {
            // a reset after the server closed: what arrived before still counts
        }
        return text();
    }

    /** Reads until the socket times out or closes; returns what arrived. */
    public String readToEndOrTimeout() {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the timeout ends the wait
        }
        return text();
    }

    public String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was read so far (a new stream starts). */
    public void clear() {
        received.reset();
    }

    /** Wraps the connection in TLS as a client, as after {@code <proceed/>}. */
    public void startTls(String... protocols) throws IOException {
        SSLSocket ssl = (SSLSocket) trustingContext().getSocketFactory().createSocket(socket,
                "localhost", socket.getPort(), true);
        handshake(ssl, protocols);
    }

    /** Connects with TLS from the first byte (XEP-0368). */
    public static TestClient direct(InetSocketAddress address, String... protocols)
            throws IOException {
        TestClient client = new TestClient(address);
        client.startTls(protocols);
        return client;
    }

    private void handshake(SSLSocket ssl, String... protocols) throws IOException {
        if (protocols.length > 0) {
            ssl.setEnabledProtocols(protocols);
        }
        ssl.setSoTimeout(10_000);
        ssl.startHandshake();
        serverCertificates = (X509Certificate[]) ssl.getSession().getPeerCertificates();
        socket = ssl;
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
        received.reset();
    }

    public javax.net.ssl.SSLSession session() {
        return ((SSLSocket) socket).getSession();
    }

    public String protocol() {
        return ((SSLSocket) socket).getSession().getProtocol();
    }

    private static SSLContext trusting;

    public static synchronized SSLContext trustingContext() {
        if (trusting == null) {
            trusting = newTrustingContext();
        }
        return trusting;
    }

    private static SSLContext newTrustingContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // the tests check the certificate themselves
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
