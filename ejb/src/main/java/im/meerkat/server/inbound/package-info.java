/**
 * The TCP entry of client streams: the message-driven bean the XMPP resource adapter delivers to
 * (JCA 2.1 inbound, listeners {@code c2s} and {@code c2s-tls}), and {@link
 * im.meerkat.server.inbound.ConnectorChannel}, the way back out through the adapter's connection
 * factory.
 */
package im.meerkat.server.inbound;
