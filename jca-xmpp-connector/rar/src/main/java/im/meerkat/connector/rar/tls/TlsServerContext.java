package im.meerkat.connector.rar.tls;

import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import im.meerkat.connector.api.TransportSecurity;

/**
 * The server side of TLS for every listener: one {@link SSLContext} built from the server's key
 * and certificate, engines restricted to TLS 1.3 and 1.2 (RFC 7590 §3.1 and RFC 9325 forbid
 * older versions), and the channel binding data SCRAM-PLUS needs.
 *
 * <p>Channel bindings: {@code tls-server-end-point} (RFC 5929 §4) is the hash of our
 * certificate, the same for every connection, so it is computed once. {@code tls-exporter}
 * (RFC 9266) needs keying-material export, which the JDK offers from Java 25 on
 * ({@code ExtendedSSLSession.exportKeyingMaterialData}); it is provided for TLS 1.3 sessions
 * when the running JDK has that method, and left out on older ones.
 */
public final class TlsServerContext {

    /** The channel binding type of RFC 5929 §4. */
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";
    /** The channel binding type of RFC 9266. */
    public static final String TLS_EXPORTER = "tls-exporter";

    private static final Logger LOG = Logger.getLogger(TlsServerContext.class.getName());
    /** {@code ExtendedSSLSession.exportKeyingMaterialData}, on JDKs that have it. */
    private static final Method EXPORTER = exporter();

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final X509Certificate certificate;
    private final byte[] serverEndPoint;

    private TlsServerContext(SSLContext context, X509Certificate certificate)
            throws GeneralSecurityException {
        this.context = context;
        this.certificate = certificate;
        this.serverEndPoint = serverEndPointHash(certificate);
    }

    /**
     * @param keyStore holds exactly the key entry to serve (the first key entry is used)
     * @param password the password of the store and its key
     */
    public static TlsServerContext create(KeyStore keyStore, char[] password)
            throws GeneralSecurityException {
        X509Certificate certificate = null;
        for (String alias : java.util.Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(alias)
                    && keyStore.getCertificate(alias) instanceof X509Certificate x) {
                certificate = x;
                break;
            }
        }
        if (certificate == null) {
            throw new GeneralSecurityException("the key store holds no private key with an X.509"
                    + " certificate");
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return new TlsServerContext(context, certificate);
    }

    public SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
        return engine;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** What a finished handshake established. */
    public TransportSecurity describe(SSLSession session) {
        Map<String, byte[]> bindings = new HashMap<>();
        bindings.put(TLS_SERVER_END_POINT, serverEndPoint.clone());
        byte[] exporter = tlsExporter(session);
        if (exporter != null) {
            bindings.put(TLS_EXPORTER, exporter);
        }
        return new TransportSecurity(true, session.getProtocol(), session.getCipherSuite(),
                bindings);
    }

    /**
     * RFC 9266 §2: 32 bytes exported with the label {@code EXPORTER-Channel-Binding} and an
     * empty context; only for TLS 1.3, where every session has the exporter secret.
     */
    static byte[] tlsExporter(SSLSession session) {
        if (EXPORTER == null || !"TLSv1.3".equals(session.getProtocol())
                || !(session instanceof ExtendedSSLSession)) {
            return null;
        }
        try {
            return (byte[]) EXPORTER.invoke(session, "EXPORTER-Channel-Binding", new byte[0], 32);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "tls-exporter not available for this session", e);
            return null;
        }
    }

    private static Method exporter() {
        try {
            return ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class,
                    byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            return null; // before Java 25
        }
    }

    /**
     * RFC 5929 §4.1: the certificate hashed with the hash of its signature algorithm, except
     * that MD5 and SHA-1 become SHA-256.
     */
    static byte[] serverEndPointHash(X509Certificate certificate)
            throws NoSuchAlgorithmException, CertificateEncodingException {
        String signature = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash = "SHA-256";
        if (signature.startsWith("SHA384")) {
            hash = "SHA-384";
        } else if (signature.startsWith("SHA512")) {
            hash = "SHA-512";
        } else if (signature.startsWith("SHA224")) {
            hash = "SHA-224";
        }
        return MessageDigest.getInstance(hash).digest(certificate.getEncoded());
    }
}
