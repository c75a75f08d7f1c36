package im.meerkat.testsuite.web;

import im.meerkat.testsuite.harness.MeerkatNode;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTP clients for a node's web listeners. WildFly's HTTPS listener presents the self-signed
 * certificate of its {@code applicationSSC} key store, which it generates on first use and which
 * is not the XMPP listeners' certificate; the tests accept any certificate there, because what
 * they check is the XMPP exchange, not the certificate.
 */
final class Https {

    private Https() {
    }

    static URI wss(MeerkatNode node) {
        return URI.create("wss://127.0.0.1:" + httpsPort(node) + "/ws-xmpp");
    }

    static URI ws(MeerkatNode node) {
        return URI.create("ws://127.0.0.1:" + node.config().httpPort() + "/ws-xmpp");
    }

    static URI boshHttps(MeerkatNode node) {
        return URI.create("https://127.0.0.1:" + httpsPort(node) + "/http-bind");
    }

    static URI boshHttp(MeerkatNode node) {
        return URI.create("http://127.0.0.1:" + node.config().httpPort() + "/http-bind");
    }

    static int httpsPort(MeerkatNode node) {
        return 8443 + node.config().offset();
    }

    static HttpClient client() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        return HttpClient.newBuilder()
                .sslContext(trustingAll())
                .sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static SSLContext trustingAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            // An extended trust manager is used as it is, without the JDK's host name check:
            // the generated certificate names localhost, the tests connect to 127.0.0.1.
            context.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // not a server
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // see the class comment
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                    // not a server
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                    // see the class comment
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                    // not a server
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                    // see the class comment
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
