package im.meerkat.server.pep;

import java.util.Optional;

/**
 * When the last published item goes to a new recipient (XEP-0060 §12.16, XEP-0163 §4.3.4). PEP
 * has implicit subscriptions, so {@code on_sub} is accepted but only {@code on_sub_and_presence}
 * sends on presence.
 */
public enum SendLastPublished {
    NEVER("never"), ON_SUB("on_sub"), ON_SUB_AND_PRESENCE("on_sub_and_presence");

    private final String value;

    SendLastPublished(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    static Optional<SendLastPublished> of(String value) {
        for (SendLastPublished s : values()) {
            if (s.value.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
