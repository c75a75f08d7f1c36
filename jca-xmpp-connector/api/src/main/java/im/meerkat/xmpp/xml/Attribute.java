package im.meerkat.xmpp.xml;

import java.util.Objects;

/** One attribute of an element, its value unescaped. */
public record Attribute(XmlName name, String value) {

    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
