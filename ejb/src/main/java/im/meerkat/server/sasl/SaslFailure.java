package im.meerkat.server.sasl;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.util.Locale;

/** The SASL failure conditions of RFC 6120 §6.5, sent inside {@code <failure/>}. */
public enum SaslFailure {
    ABORTED,
    ACCOUNT_DISABLED,
    CREDENTIALS_EXPIRED,
    ENCRYPTION_REQUIRED,
    INCORRECT_ENCODING,
    INVALID_AUTHZID,
    INVALID_MECHANISM,
    MALFORMED_REQUEST,
    MECHANISM_TOO_WEAK,
    NOT_AUTHORIZED,
    TEMPORARY_AUTH_FAILURE;

    public static final XmlName FAILURE = XmlName.of(Namespaces.SASL, "failure");
    private static final XmlName TEXT = XmlName.of(Namespaces.SASL, "text");

    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String elementName() {
        return elementName;
    }

    /** {@code <failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><condition/>[<text/>]</failure>}. */
    public Element toElement(String text) {
        Element.Builder b = Element.builder(FAILURE).child(XmlName.of(Namespaces.SASL, elementName));
        if (text != null) {
            b.child(Element.builder(TEXT).attribute(Namespaces.XML_LANG, "en").text(text));
        }
        return b.build();
    }
}
