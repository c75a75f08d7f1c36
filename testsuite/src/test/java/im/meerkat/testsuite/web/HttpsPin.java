package im.meerkat.testsuite.web;

import im.meerkat.testsuite.harness.MeerkatNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in exactly the certificate a node's HTTPS listener presents (WildFly's
 * {@code applicationSSC}, generated on first use; not the XMPP listeners' certificate). The pin is
 * learnt from one handshake with the listener; afterwards any other certificate fails the
 * handshake. Host names are not checked: the pin identifies the server.
 */
public final class HttpsPin {

    /** Password of the trust store file; it holds one public certificate. */
    static final String STORE_PASSWORD = "meerkat";

    private final X509Certificate certificate;
    private final SSLContext context;

    private HttpsPin(X509Certificate certificate) {
        this.certificate = certificate;
        this.context = contextTrusting(new Pin(certificate, null));
    }

    /** Learns the certificate of the node's HTTPS listener. */
    public static HttpsPin learn(MeerkatNode node) {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        int port = Https.httpsPort(node);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(loopback, port), 10_000);
            plain.setSoTimeout(10_000);
            SSLContext recording = contextTrusting(new Pin(null, seen));
            try (SSLSocket tls = (SSLSocket) recording.getSocketFactory().createSocket(plain,
                    loopback.getHostAddress(), port, false)) {
                tls.startHandshake();
            }
        } catch (IOException e) {
            throw new IllegalStateException("no TLS handshake with the HTTPS listener on " + port, e);
        }
        return new HttpsPin(seen.get());
    }

    SSLContext sslContext() {
        return context;
    }

    /** The certificate the listener presented. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Writes a PKCS#12 trust store holding only the pinned certificate, for clients that take
     * their trust from {@code javax.net.ssl.trustStore} and accept no SSL context.
     */
    Path trustStore(Path dir) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("node", certificate);
            Files.createDirectories(dir);
            Path file = dir.resolve("https-pin.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, STORE_PASSWORD.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a PKCS#12 trust store", e);
        }
    }

    private static SSLContext contextTrusting(X509ExtendedTrustManager manager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    /**
     * With a pinned certificate: accepts that one as the server's leaf and nothing else. Without
     * (learning): accepts any certificate once and records it.
     */
    private static final class Pin extends X509ExtendedTrustManager {

        private final X509Certificate pinned;
        private final AtomicReference<X509Certificate> seen;

        Pin(X509Certificate pinned, AtomicReference<X509Certificate> seen) {
            this.pinned = pinned;
            this.seen = seen;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no server certificate");
            }
            if (seen != null) {
                seen.set(chain[0]);
            } else if (!chain[0].equals(pinned)) {
                throw new CertificateException("the HTTPS listener presented " + chain[0].getSubjectX500Principal()
                        + ", not the certificate pinned before the test");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the test client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
