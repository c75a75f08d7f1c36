package im.meerkat.xmpp.error;

import java.util.Locale;

/** The {@code type} attribute of a stanza error, RFC 6120 §8.3.2. */
public enum StanzaErrorType {
    AUTH,
    CANCEL,
    CONTINUE,
    MODIFY,
    WAIT;

    private final String attributeValue = name().toLowerCase(Locale.ROOT);

    public String attributeValue() {
        return attributeValue;
    }

    public static StanzaErrorType fromAttribute(String value) {
        for (StanzaErrorType t : values()) {
            if (t.attributeValue.equals(value)) {
                return t;
            }
        }
        return CANCEL;
    }
}
