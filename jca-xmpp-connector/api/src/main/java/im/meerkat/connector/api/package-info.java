/**
 * The contract between the XMPP resource adapter and the server (JCA 2.1): {@link
 * im.meerkat.connector.api.StanzaListener}, the message listener interface that message-driven
 * beans implement to receive what connections read, and {@link
 * im.meerkat.connector.api.XmppConnectionFactory}, the outbound factory through which the
 * server writes to connections, starts TLS and closes streams.
 */
package im.meerkat.connector.api;
