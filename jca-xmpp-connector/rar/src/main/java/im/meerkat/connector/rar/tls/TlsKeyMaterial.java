package im.meerkat.connector.rar.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Finds the server's TLS key: the key store an operator configured, or else a self-signed one
 * generated on first start and kept in the server's data directory, reused while it is valid
 * and names every configured domain. docs/CONNECTOR.md explains how to configure a real
 * certificate.
 *
 * @param keyStore       the configured key store file, or null to use a generated one
 * @param password       its password (also the key's)
 * @param type           its type, such as {@code PKCS12} or {@code JKS}
 * @param generatedStore where a generated store is kept
 * @param domains        the XMPP domains the generated certificate must name
 */
public record TlsKeyMaterial(Path keyStore, char[] password, String type, Path generatedStore,
        List<String> domains) {

    /** Protects the generated store; the file itself is readable by the server's user only. */
    static final char[] GENERATED_PASSWORD = "meerkat-self-signed".toCharArray();

    private static final Logger LOG = Logger.getLogger(TlsKeyMaterial.class.getName());

    public TlsKeyMaterial {
        domains = List.copyOf(domains);
        if (keyStore == null && domains.isEmpty()) {
            throw new IllegalArgumentException("a generated certificate needs a domain");
        }
    }

    /** Loads or creates the key and builds the TLS context. */
    public TlsServerContext open() throws GeneralSecurityException, IOException {
        if (keyStore != null) {
            KeyStore store = KeyStore.getInstance(type);
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, password);
            }
            LOG.info(() -> "TLS key and certificate from " + keyStore);
            return TlsServerContext.create(store, password);
        }
        KeyStore store = loadGenerated();
        if (store == null) {
            store = SelfSignedCertificates.generate(domains, GENERATED_PASSWORD);
            save(store);
            LOG.warning(() -> "No TLS certificate configured (meerkat.tls.keystore): generated a"
                    + " self-signed one for " + domains + " in " + generatedStore
                    + ". Clients will not trust it; see docs/CONNECTOR.md.");
        }
        return TlsServerContext.create(store, GENERATED_PASSWORD);
    }

    /** The store generated on an earlier start, or null if absent, expired or for other names. */
    private KeyStore loadGenerated() throws IOException {
        if (!Files.isRegularFile(generatedStore)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(generatedStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, GENERATED_PASSWORD);
            if (store.getCertificate(SelfSignedCertificates.ALIAS) instanceof X509Certificate c
                    && c.getNotAfter().after(new Date(System.currentTimeMillis() + 86_400_000L))
                    && dnsNames(c).containsAll(domains)) {
                return store;
            }
            LOG.info(() -> "the generated certificate in " + generatedStore
                    + " has expired or does not name " + domains + "; making a new one");
        } catch (GeneralSecurityException | IOException e) {
            LOG.warning(() -> "cannot read " + generatedStore + " (" + e + "); making a new one");
        }
        return null;
    }

    private static Set<String> dnsNames(X509Certificate certificate)
            throws CertificateParsingException {
        Set<String> names = new HashSet<>();
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if (Integer.valueOf(2).equals(san.get(0))) {
                    names.add(String.valueOf(san.get(1)));
                }
            }
        }
        return names;
    }

    private void save(KeyStore store) throws IOException, GeneralSecurityException {
        Path dir = generatedStore.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "meerkat-tls", ".tmp");
        try {
            restrictToOwner(temp);
            try (OutputStream out = Files.newOutputStream(temp)) {
                store.store(out, GENERATED_PASSWORD);
            }
            Files.move(temp, generatedStore, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions have to do
        }
    }
}
