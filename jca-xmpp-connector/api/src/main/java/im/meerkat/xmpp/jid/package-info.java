/**
 * XMPP addresses (RFC 7622): parsing, PRECIS enforcement of each part, and the {@link
 * im.meerkat.xmpp.jid.Jid} value type every other part of the server passes around.
 */
package im.meerkat.xmpp.jid;
