package im.meerkat.server.account;

import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramKeys;
import im.meerkat.xmpp.jid.Jid;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One account, keyed by its bare JID in enforced form (RFC 7622), with SCRAM-SHA-1 and
 * SCRAM-SHA-256 keys (RFC 5802, RFC 7677) and never the password (architecture invariant 10).
 */
@Entity
@Table(name = "meerkat_account", indexes = @Index(name = "meerkat_account_domain", columnList = "domainpart"))
@NamedQuery(name = Account.USERS_OF_DOMAIN,
        query = "SELECT a.localpart FROM Account a WHERE a.domainpart = :domain")
public class Account {

    static final String USERS_OF_DOMAIN = "Account.usersOfDomain";

    /** localpart (≤ 1023 octets) + '@' + domainpart (≤ 1023 octets), RFC 7622 §3.1. */
    @Id
    @Column(name = "jid", length = 2047)
    private String jid;

    @Column(name = "domainpart", nullable = false, length = 1023)
    private String domainpart;

    @Column(name = "localpart", nullable = false, length = 1023)
    private String localpart;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "salt", column = @Column(name = "sha1_salt", nullable = false, length = 88)),
        @AttributeOverride(name = "iterations", column = @Column(name = "sha1_iterations", nullable = false)),
        @AttributeOverride(name = "storedKey", column = @Column(name = "sha1_stored_key", nullable = false, length = 88)),
        @AttributeOverride(name = "serverKey", column = @Column(name = "sha1_server_key", nullable = false, length = 88))
    })
    private StoredScram sha1;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "salt", column = @Column(name = "sha256_salt", nullable = false, length = 88)),
        @AttributeOverride(name = "iterations", column = @Column(name = "sha256_iterations", nullable = false)),
        @AttributeOverride(name = "storedKey", column = @Column(name = "sha256_stored_key", nullable = false, length = 88)),
        @AttributeOverride(name = "serverKey", column = @Column(name = "sha256_server_key", nullable = false, length = 88))
    })
    private StoredScram sha256;

    @Version
    @Column(name = "version")
    private long version;

    protected Account() {
    }

    Account(Jid bare, ScramKeys sha1Keys, ScramKeys sha256Keys) {
        this.jid = bare.toString();
        this.domainpart = bare.domain();
        this.localpart = bare.localOrNull();
        setKeys(sha1Keys, sha256Keys);
    }

    final void setKeys(ScramKeys sha1Keys, ScramKeys sha256Keys) {
        this.sha1 = new StoredScram(sha1Keys);
        this.sha256 = new StoredScram(sha256Keys);
    }

    String jid() {
        return jid;
    }

    ScramKeys keys(ScramAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA_1 -> sha1.toKeys(algorithm);
            case SHA_256 -> sha256.toKeys(algorithm);
        };
    }
}
