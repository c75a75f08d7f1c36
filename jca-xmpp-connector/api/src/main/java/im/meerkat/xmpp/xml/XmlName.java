package im.meerkat.xmpp.xml;

import java.io.Serializable;
import java.util.Objects;

/**
 * A qualified XML name: namespace URI and local name. The namespace is the empty string for
 * names in no namespace (most attributes). Prefixes are not part of a name.
 */
public record XmlName(String namespace, String local) implements Serializable {

    public XmlName {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(local, "local");
        if (local.isEmpty()) {
            throw new IllegalArgumentException("empty local name");
        }
    }

    public static XmlName of(String namespace, String local) {
        return new XmlName(namespace, local);
    }

    /** A name in no namespace, as plain attributes have. */
    public static XmlName local(String local) {
        return new XmlName("", local);
    }

    public boolean hasNamespace() {
        return !namespace.isEmpty();
    }

    /** Clark notation, {@code {namespace}local}, for logs and diagnostics. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? local : "{" + namespace + "}" + local;
    }
}
