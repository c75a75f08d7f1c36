package im.meerkat.server.pep;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may retrieve a node's items and receive its notifications (XEP-0060 §4.5, XEP-0163 §4.2):
 * anyone ({@code open}), contacts with a presence subscription to the owner ({@code presence},
 * the PEP default) or the owner alone ({@code whitelist}: the owner is the only member, as
 * XEP-0223 private storage wants). {@code roster} and {@code authorize} are not offered.
 */
public enum AccessModel {
    OPEN, PRESENCE, WHITELIST;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AccessModel> of(String value) {
        for (AccessModel m : values()) {
            if (m.value().equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
