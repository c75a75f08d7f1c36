/**
 * SOCKS5 Bytestreams, XEP-0065: the proxy service {@code proxy.<domain>} (§6) that the server
 * lists in disco#items, its stream host address and the activation of a stream. The proxy's
 * socket belongs to the resource adapter; this package speaks for it in XMPP.
 */
package im.meerkat.server.bytestreams;
