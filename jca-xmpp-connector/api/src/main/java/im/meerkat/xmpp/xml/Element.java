package im.meerkat.xmpp.xml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable XML element: qualified name, attributes in document order, and child nodes.
 * Derive a changed copy with {@link #toBuilder()} or {@link #withAttribute(String, String)};
 * an element received from a peer is never modified.
 */
public final class Element implements Node {

    private final XmlName name;
    private final List<Attribute> attributes;
    private final List<Node> children;

    private Element(XmlName name, List<Attribute> attributes, List<Node> children) {
        this.name = name;
        this.attributes = attributes;
        this.children = children;
    }

    public static Builder builder(XmlName name) {
        return new Builder(name);
    }

    public static Builder builder(String namespace, String local) {
        return new Builder(XmlName.of(namespace, local));
    }

    /** An element with no attributes and no children. */
    public static Element empty(XmlName name) {
        return new Element(name, List.of(), List.of());
    }

    public XmlName name() {
        return name;
    }

    public String namespace() {
        return name.namespace();
    }

    public String localName() {
        return name.local();
    }

    public boolean is(XmlName other) {
        return name.equals(other);
    }

    public boolean is(String namespace, String local) {
        return name.local().equals(local) && name.namespace().equals(namespace);
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    /** The value of the attribute in no namespace with this local name, or null. */
    public String attribute(String local) {
        for (Attribute a : attributes) {
            if (!a.name().hasNamespace() && a.name().local().equals(local)) {
                return a.value();
            }
        }
        return null;
    }

    /** The value of the attribute with this qualified name, or null. */
    public String attribute(XmlName attributeName) {
        for (Attribute a : attributes) {
            if (a.name().equals(attributeName)) {
                return a.value();
            }
        }
        return null;
    }

    public List<Node> children() {
        return children;
    }

    /** The child elements, in order, without the text between them. */
    public List<Element> elements() {
        List<Element> result = new ArrayList<>(children.size());
        for (Node n : children) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    /** The first child element with this name. */
    public Optional<Element> child(XmlName childName) {
        for (Node n : children) {
            if (n instanceof Element e && e.name.equals(childName)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The first child element with this local name in this element's own namespace. */
    public Optional<Element> child(String local) {
        return child(XmlName.of(name.namespace(), local));
    }

    public boolean hasChild(XmlName childName) {
        return child(childName).isPresent();
    }

    /** All child elements with this name. */
    public List<Element> children(XmlName childName) {
        List<Element> result = new ArrayList<>(2);
        for (Node n : children) {
            if (n instanceof Element e && e.name.equals(childName)) {
                result.add(e);
            }
        }
        return result;
    }

    /** The first child element, if any. */
    public Optional<Element> firstElement() {
        for (Node n : children) {
            if (n instanceof Element e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The concatenated character data directly inside this element. */
    public String text() {
        if (children.size() == 1 && children.get(0) instanceof Text t) {
            return t.value();
        }
        StringBuilder b = new StringBuilder();
        for (Node n : children) {
            if (n instanceof Text t) {
                b.append(t.value());
            }
        }
        return b.toString();
    }

    /** The text of the first child element with this name, if that child exists. */
    public Optional<String> childText(XmlName childName) {
        return child(childName).map(Element::text);
    }

    public boolean isEmpty() {
        return children.isEmpty();
    }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.attributes.addAll(attributes);
        b.children.addAll(children);
        return b;
    }

    /** A copy with this attribute set, replaced, or removed when {@code value} is null. */
    public Element withAttribute(String local, String value) {
        return toBuilder().attribute(local, value).build();
    }

    /** A copy with the same name and attributes and these children. */
    public Element withChildren(List<? extends Node> newChildren) {
        return new Element(name, attributes, List.copyOf(newChildren));
    }

    /** This element as a standalone XML fragment, namespaces declared. */
    public String toXml() {
        return XmlWriter.toXml(this);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Element)) {
            return false;
        }
        Element other = (Element) o;
        return name.equals(other.name)
                && attributes.equals(other.attributes)
                && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, attributes, children);
    }

    @Override
    public String toString() {
        return toXml();
    }

    /** Builds an {@link Element}; not thread-safe, use once. */
    public static final class Builder {
        private final XmlName name;
        private final List<Attribute> attributes = new ArrayList<>(4);
        private final List<Node> children = new ArrayList<>(2);

        private Builder(XmlName name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Sets a no-namespace attribute; a null value removes it. */
        public Builder attribute(String local, String value) {
            return attribute(XmlName.local(local), value);
        }

        /** Sets an attribute; a null value removes it. */
        public Builder attribute(XmlName attributeName, String value) {
            attributes.removeIf(a -> a.name().equals(attributeName));
            if (value != null) {
                attributes.add(new Attribute(attributeName, value));
            }
            return this;
        }

        /** Sets an attribute from any value's string form; null removes it. */
        public Builder attribute(String local, Object value) {
            return attribute(local, value == null ? null : value.toString());
        }

        public Builder child(Node child) {
            children.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        public Builder child(Element.Builder child) {
            return child(child.build());
        }

        /** Adds an empty child element. */
        public Builder child(XmlName childName) {
            return child(Element.empty(childName));
        }

        /** Adds a child element holding only text. */
        public Builder child(XmlName childName, String text) {
            return child(Element.builder(childName).text(text).build());
        }

        public Builder children(Collection<? extends Node> nodes) {
            for (Node n : nodes) {
                child(n);
            }
            return this;
        }

        public Builder removeChildren(XmlName childName) {
            children.removeIf(n -> n instanceof Element e && e.name().equals(childName));
            return this;
        }

        /** Appends character data; null or empty text adds nothing. */
        public Builder text(String text) {
            if (text != null && !text.isEmpty()) {
                children.add(new Text(text));
            }
            return this;
        }

        public Element build() {
            return new Element(name, List.copyOf(attributes), List.copyOf(children));
        }
    }
}
