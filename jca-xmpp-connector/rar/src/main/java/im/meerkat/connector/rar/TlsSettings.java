package im.meerkat.connector.rar;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import im.meerkat.connector.rar.tls.TlsKeyMaterial;

/**
 * Reads the TLS settings the way the server reads all of its settings: a system property, else
 * the environment variable of the same name in upper case with underscores ({@code
 * meerkat.tls.keystore} or {@code MEERKAT_TLS_KEYSTORE}).
 */
final class TlsSettings {

    private TlsSettings() {
    }

    static TlsKeyMaterial fromEnvironment() {
        return from(TlsSettings::lookup);
    }

    static TlsKeyMaterial from(UnaryOperator<String> settings) {
        String keyStore = settings.apply("meerkat.tls.keystore");
        String password = settings.apply("meerkat.tls.keystore.password");
        String type = settings.apply("meerkat.tls.keystore.type");
        String dataDir = settings.apply("jboss.server.data.dir");
        String domains = settings.apply("meerkat.domain");
        List<String> domainList = Arrays.stream((domains == null ? "localhost" : domains)
                        .split(","))
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .toList();
        return new TlsKeyMaterial(
                keyStore == null || keyStore.isBlank() ? null : Path.of(keyStore.trim()),
                password == null ? new char[0] : password.toCharArray(),
                type == null || type.isBlank() ? "PKCS12" : type.trim(),
                Path.of(dataDir == null ? System.getProperty("java.io.tmpdir") : dataDir,
                        "meerkat-tls.p12"),
                domainList.isEmpty() ? List.of("localhost") : domainList);
    }

    private static String lookup(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value;
    }
}
