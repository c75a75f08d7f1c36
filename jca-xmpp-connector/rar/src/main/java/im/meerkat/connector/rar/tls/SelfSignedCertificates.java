package im.meerkat.connector.rar.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.wildfly.security.x500.GeneralName;
import org.wildfly.security.x500.cert.SelfSignedX509CertificateAndSigningKey;
import org.wildfly.security.x500.cert.SubjectAlternativeNamesExtension;

/**
 * Makes the self-signed certificate a server without a configured one starts with, using
 * WildFly Elytron's certificate builder (the JDK has no public API for it). The certificate
 * names each XMPP domain and its subdomains as DNS subject alternative names, the identity RFC
 * 6125 / RFC 7590 §3.4 has clients check.
 */
final class SelfSignedCertificates {

    static final String ALIAS = "meerkat";
    /** Two years: long enough not to bother a test server, short enough to be renewed. */
    private static final int VALID_DAYS = 730;

    private SelfSignedCertificates() {
    }

    /** A PKCS#12 store holding a new EC P-256 key and its certificate under {@link #ALIAS}. */
    static KeyStore generate(List<String> domains, char[] password)
            throws GeneralSecurityException, java.io.IOException {
        List<GeneralName> names = new ArrayList<>();
        for (String domain : domains) {
            names.add(new GeneralName.DNSName(domain));
            names.add(new GeneralName.DNSName("*." + domain));
        }
        ZonedDateTime now = ZonedDateTime.now();
        SelfSignedX509CertificateAndSigningKey generated = SelfSignedX509CertificateAndSigningKey
                .builder()
                .setDn(new X500Principal("CN=" + domains.get(0)))
                .setKeyAlgorithmName("EC")
                .setKeySize(256)
                .setSignatureAlgorithmName("SHA256withECDSA")
                .setNotValidBefore(now.minusDays(1))
                .setNotValidAfter(now.plusDays(VALID_DAYS))
                .addExtension(new SubjectAlternativeNamesExtension(false, names))
                .build();
        X509Certificate certificate = generated.getSelfSignedCertificate();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, generated.getSigningKey(), password,
                new Certificate[] {certificate});
        return store;
    }
}
