package im.meerkat.server.roster;

import java.util.Locale;

/** The {@code subscription} attribute of a roster item (RFC 6121 §2.1.2.5). */
public enum Subscription {
    NONE, TO, FROM, BOTH;

    /** The attribute value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Subscription of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The user receives the contact's presence. */
    public boolean to() {
        return this == TO || this == BOTH;
    }

    /** The contact receives the user's presence. */
    public boolean from() {
        return this == FROM || this == BOTH;
    }

    static Subscription of(boolean to, boolean from) {
        if (to) {
            return from ? BOTH : TO;
        }
        return from ? FROM : NONE;
    }
}
