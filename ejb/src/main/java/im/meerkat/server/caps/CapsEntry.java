package im.meerkat.server.caps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * The features behind one verified sha-1 verification string (XEP-0115 §5.4 step 3.8): the
 * string names the features for good, so every node of the cluster reads the same entry.
 */
@Entity
@Table(name = "meerkat_caps")
public class CapsEntry {

    /** The verification string, base64 of a sha-1 digest (28 characters). */
    @Id
    @Column(name = "ver", length = 64)
    private String ver;

    /** The features, one per line. */
    @Lob
    @Column(name = "features", nullable = false)
    private String features;

    protected CapsEntry() {
    }

    CapsEntry(String ver, String features) {
        this.ver = ver;
        this.features = features;
    }

    String features() {
        return features;
    }
}
