package im.meerkat.connector.api;

import im.meerkat.xmpp.xml.Namespaces;

/** The two kinds of XML streams, RFC 6120 §4.8.2, and their content namespaces. */
public enum StreamKind {
    CLIENT(Namespaces.CLIENT),
    SERVER(Namespaces.SERVER);

    private final String contentNamespace;

    StreamKind(String contentNamespace) {
        this.contentNamespace = contentNamespace;
    }

    public String contentNamespace() {
        return contentNamespace;
    }
}
