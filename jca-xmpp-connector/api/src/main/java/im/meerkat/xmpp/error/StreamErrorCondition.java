package im.meerkat.xmpp.error;

import java.util.Locale;

import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;

/** The defined stream error conditions, RFC 6120 §4.9.3. */
public enum StreamErrorCondition {
    BAD_FORMAT,
    BAD_NAMESPACE_PREFIX,
    CONFLICT,
    CONNECTION_TIMEOUT,
    HOST_GONE,
    HOST_UNKNOWN,
    IMPROPER_ADDRESSING,
    INTERNAL_SERVER_ERROR,
    INVALID_FROM,
    INVALID_NAMESPACE,
    INVALID_XML,
    NOT_AUTHORIZED,
    NOT_WELL_FORMED,
    POLICY_VIOLATION,
    REMOTE_CONNECTION_FAILED,
    RESET,
    RESOURCE_CONSTRAINT,
    RESTRICTED_XML,
    SEE_OTHER_HOST,
    SYSTEM_SHUTDOWN,
    UNDEFINED_CONDITION,
    UNSUPPORTED_ENCODING,
    UNSUPPORTED_FEATURE,
    UNSUPPORTED_STANZA_TYPE,
    UNSUPPORTED_VERSION;

    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The element name, for example {@code not-well-formed}. */
    public String elementName() {
        return elementName;
    }

    public XmlName xmlName() {
        return XmlName.of(Namespaces.STREAM_ERRORS, elementName);
    }

    /** The condition with this element name, or {@link #UNDEFINED_CONDITION}. */
    public static StreamErrorCondition fromElementName(String name) {
        for (StreamErrorCondition c : values()) {
            if (c.elementName.equals(name)) {
                return c;
            }
        }
        return UNDEFINED_CONDITION;
    }
}
