package im.meerkat.xmpp.error;

import java.util.Objects;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;

/**
 * A stream error to send before closing a stream (RFC 6120 §4.9): a condition, an optional
 * human-readable text, for {@code <see-other-host/>} the host to go to, and an optional
 * application-specific condition element (§4.9.4).
 */
public record StreamError(StreamErrorCondition condition, String text, String seeOtherHost,
        Element application) {

    public static final XmlName ERROR = XmlName.of(Namespaces.STREAMS, "error");
    private static final XmlName TEXT = XmlName.of(Namespaces.STREAM_ERRORS, "text");

    public StreamError {
        Objects.requireNonNull(condition, "condition");
    }

    public StreamError(StreamErrorCondition condition, String text, String seeOtherHost) {
        this(condition, text, seeOtherHost, null);
    }

    /** This error with an application-specific condition (RFC 6120 §4.9.4). */
    public StreamError withApplication(Element condition) {
        return new StreamError(this.condition, text, seeOtherHost, condition);
    }

    public static StreamError of(StreamErrorCondition condition) {
        return new StreamError(condition, null, null);
    }

    public static StreamError of(StreamErrorCondition condition, String text) {
        return new StreamError(condition, text, null);
    }

    /** RFC 6120 §4.9.3.19: reconnect to another host, {@code host[:port]}. */
    public static StreamError seeOtherHost(String hostAndPort) {
        return new StreamError(StreamErrorCondition.SEE_OTHER_HOST, null, hostAndPort);
    }

    /** The {@code <stream:error/>} element. */
    public Element toElement() {
        Element.Builder condElement = Element.builder(condition.xmlName());
        if (seeOtherHost != null) {
            condElement.text(seeOtherHost);
        }
        Element.Builder b = Element.builder(ERROR).child(condElement);
        if (text != null) {
            b.child(Element.builder(TEXT).attribute(Namespaces.XML_LANG, "en").text(text));
        }
        if (application != null) {
            b.child(application);
        }
        return b.build();
    }

    /** Reads a received {@code <stream:error/>}. */
    public static StreamError fromElement(Element error) {
        StreamErrorCondition condition = null;
        String host = null;
        Element application = null;
        for (Element child : error.elements()) {
            if (!child.namespace().equals(Namespaces.STREAM_ERRORS)) {
                application = application == null ? child : application;
            } else if (!child.is(TEXT) && condition == null) {
                condition = StreamErrorCondition.fromElementName(child.localName());
                if (condition == StreamErrorCondition.SEE_OTHER_HOST) {
                    host = child.text();
                }
            }
        }
        return new StreamError(condition == null ? StreamErrorCondition.UNDEFINED_CONDITION : condition,
                error.childText(TEXT).orElse(null), host, application);
    }
}
