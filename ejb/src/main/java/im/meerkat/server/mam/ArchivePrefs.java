package im.meerkat.server.mam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * One account's archiving preferences (XEP-0313 §6): the default mode and the bare JIDs always
 * and never archived, one per line. Accounts without a row use the server default.
 */
@Entity
@Table(name = "meerkat_mam_prefs")
public class ArchivePrefs {

    @Id
    @Column(name = "owner", length = 1023)
    private String owner;

    @Column(name = "default_mode", length = 8, nullable = false)
    private String defaultMode;

    @Lob
    @Column(name = "always_jids")
    private String always;

    @Lob
    @Column(name = "never_jids")
    private String never;

    protected ArchivePrefs() {
    }

    ArchivePrefs(String owner, Prefs prefs) {
        this.owner = owner;
        update(prefs);
    }

    void update(Prefs prefs) {
        this.defaultMode = prefs.mode().value();
        this.always = String.join("\n", prefs.always());
        this.never = String.join("\n", prefs.never());
    }

    Prefs prefs() {
        return new Prefs(Prefs.Mode.of(defaultMode), lines(always), lines(never));
    }

    private static Set<String> lines(String text) {
        Set<String> jids = new TreeSet<>();
        if (text != null) {
            Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).forEach(jids::add);
        }
        return jids;
    }
}
