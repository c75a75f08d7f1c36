package im.meerkat.xmpp.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;

/**
 * A stanza error (RFC 6120 §8.3): type, defined condition, optional text, optional
 * application-specific condition elements, and the entity that generated it ({@code by}).
 */
public record StanzaError(
        StanzaErrorType type,
        StanzaErrorCondition condition,
        String text,
        String by,
        List<Element> applicationConditions) {

    private static final XmlName TEXT = XmlName.of(Namespaces.STANZA_ERRORS, "text");

    public StanzaError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(condition, "condition");
        applicationConditions = List.copyOf(applicationConditions);
    }

    /** The condition with its usual type, no text. */
    public static StanzaError of(StanzaErrorCondition condition) {
        return new StanzaError(condition.defaultType(), condition, null, null, List.of());
    }

    public static StanzaError of(StanzaErrorCondition condition, String text) {
        return new StanzaError(condition.defaultType(), condition, text, null, List.of());
    }

    public StanzaError withType(StanzaErrorType newType) {
        return new StanzaError(newType, condition, text, by, applicationConditions);
    }

    public StanzaError withBy(String newBy) {
        return new StanzaError(type, condition, text, newBy, applicationConditions);
    }

    public StanzaError withApplicationCondition(Element appCondition) {
        List<Element> all = new ArrayList<>(applicationConditions);
        all.add(appCondition);
        return new StanzaError(type, condition, text, by, all);
    }

    /** The {@code <error/>} child, in the given content namespace (jabber:client normally). */
    public Element toElement(String contentNamespace) {
        Element.Builder b = Element.builder(contentNamespace, "error")
                .attribute("type", type.attributeValue())
                .attribute("by", by)
                .child(condition.xmlName());
        if (text != null) {
            b.child(Element.builder(TEXT).attribute(Namespaces.XML_LANG, "en").text(text));
        }
        b.children(applicationConditions);
        return b.build();
    }

    /** Reads an {@code <error/>} child of a received stanza. */
    public static StanzaError fromElement(Element error) {
        StanzaErrorCondition condition = StanzaErrorCondition.UNDEFINED_CONDITION;
        List<Element> app = new ArrayList<>();
        for (Element child : error.elements()) {
            if (child.namespace().equals(Namespaces.STANZA_ERRORS)) {
                if (!child.is(TEXT)) {
                    condition = StanzaErrorCondition.fromElementName(child.localName());
                }
            } else {
                app.add(child);
            }
        }
        return new StanzaError(StanzaErrorType.fromAttribute(error.attribute("type")), condition,
                error.childText(TEXT).orElse(null), error.attribute("by"), app);
    }
}
