package im.meerkat.testsuite.harness;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An element the server sent, as the raw client saw it: qualified name, attributes by local
 * name, children and text. Tests match elements by namespace and local name, never by prefix.
 */
public record XmlNode(String namespace, String name, Map<String, String> attributes,
        List<XmlNode> children, String text) {

    public XmlNode {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public boolean is(String ns, String localName) {
        return namespace.equals(ns) && name.equals(localName);
    }

    public Optional<XmlNode> child(String ns, String localName) {
        return children.stream().filter(c -> c.is(ns, localName)).findFirst();
    }

    /** The first child in {@code ns} other than {@code <text/>}: the condition of an error. */
    public Optional<String> condition(String ns) {
        return children.stream()
                .filter(c -> c.namespace().equals(ns) && !c.name().equals("text"))
                .map(XmlNode::name)
                .findFirst();
    }

    public String attribute(String localName) {
        return attributes.get(localName);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("<").append(name).append(" xmlns='")
                .append(namespace).append('\'');
        attributes.forEach((k, v) -> out.append(' ').append(k).append("='").append(v).append('\''));
        out.append('>');
        children.forEach(out::append);
        return out.append(text).append("</").append(name).append('>').toString();
    }
}
