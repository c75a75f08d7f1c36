package im.meerkat.server.account;

import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramKeys;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Base64;

/**
 * The columns of one set of SCRAM keys (RFC 5802 §5.1). Binary values are kept as Base64 text,
 * which maps the same way on H2 and PostgreSQL.
 */
@Embeddable
public class StoredScram {

    @Column(name = "salt", nullable = false, length = 88)
    private String salt;

    @Column(name = "iterations", nullable = false)
    private int iterations;

    @Column(name = "stored_key", nullable = false, length = 88)
    private String storedKey;

    @Column(name = "server_key", nullable = false, length = 88)
    private String serverKey;

    protected StoredScram() {
    }

    StoredScram(ScramKeys keys) {
        Base64.Encoder b64 = Base64.getEncoder();
        this.salt = b64.encodeToString(keys.salt());
        this.iterations = keys.iterations();
        this.storedKey = b64.encodeToString(keys.storedKey());
        this.serverKey = b64.encodeToString(keys.serverKey());
    }

    ScramKeys toKeys(ScramAlgorithm algorithm) {
        Base64.Decoder b64 = Base64.getDecoder();
        return new ScramKeys(algorithm, b64.decode(salt), iterations, b64.decode(storedKey),
                b64.decode(serverKey));
    }
}
