package im.meerkat.connector.api;

import java.net.InetSocketAddress;

/**
 * Facts about a new connection.
 *
 * @param listener  the name of the listener that accepted it, such as {@code c2s},
 *                  {@code c2s-tls} or {@code s2s}
 * @param kind      what kind of stream it carries
 * @param directTls whether TLS started before any XMPP was exchanged (XEP-0368)
 * @param remote    the peer's address
 * @param local     the local address it was accepted on
 */
public record ConnectionInfo(String listener, StreamKind kind, boolean directTls,
        InetSocketAddress remote, InetSocketAddress local) {
}
