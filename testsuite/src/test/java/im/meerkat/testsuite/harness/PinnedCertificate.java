package im.meerkat.testsuite.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust in exactly one certificate: the self-signed one a node generates on its first start.
 * The suite learns it from the node's first TLS handshake (direct TLS, else STARTTLS) and from
 * then on accepts that certificate and no other, so a test still fails when the server presents
 * a different one midway.
 *
 * <p>Host names are not checked: the pin already identifies the server, and the generated
 * certificate need not name {@code 127.0.0.1}, the address the suite connects to.
 */
public final class PinnedCertificate {

    private final X509Certificate certificate;
    private final X509TrustManager trustManager;
    private final SSLContext context;

    private PinnedCertificate(X509Certificate certificate) {
        this.certificate = certificate;
        this.trustManager = new Pin(certificate);
        this.context = contextTrusting(trustManager);
    }

    /** Learns the certificate of the node at these ports. */
    public static PinnedCertificate learn(int directTlsPort, int c2sPort, String domain) {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        SSLContext recording = contextTrusting(new Recorder(seen));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        IOException directFailure;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(loopback, directTlsPort), 10_000);
            plain.setSoTimeout(10_000);
            try (SSLSocket tls = (SSLSocket) recording.getSocketFactory().createSocket(plain,
                    loopback.getHostAddress(), directTlsPort, false)) {
                tls.startHandshake();
            }
            return new PinnedCertificate(seen.get());
        } catch (IOException e) {
            directFailure = e;
        }
        try (RawXmppClient client = RawXmppClient.connect(c2sPort)) {
            client.openStream(domain);
            client.awaitFeatures();
            client.startTls(recording);
            return new PinnedCertificate(seen.get());
        } catch (IOException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("cannot learn the node's"
                    + " certificate: direct TLS on " + directTlsPort + " failed (" + directFailure
                    + "), STARTTLS on " + c2sPort + " failed (" + e + ")", e);
            failure.addSuppressed(directFailure);
            throw failure;
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** For Smack's {@code setCustomX509TrustManager}. */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** For sockets that speak TLS from the first byte. */
    public SSLContext sslContext() {
        return context;
    }

    private static SSLContext contextTrusting(X509TrustManager manager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    /** Accepts the pinned certificate as the server's leaf, nothing else. */
    private record Pin(X509Certificate pinned) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(pinned)) {
                throw new CertificateException("the server presented "
                        + (chain == null || chain.length == 0 ? "no certificate"
                        : chain[0].getSubjectX500Principal())
                        + ", not the certificate pinned at the node's start ("
                        + pinned.getSubjectX500Principal() + ")");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            throw new CertificateException("the test client does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Accepts any certificate once, remembering it: only for learning the pin. */
    private record Recorder(AtomicReference<X509Certificate> seen) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no server certificate");
            }
            seen.set(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            throw new CertificateException("the test client does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
