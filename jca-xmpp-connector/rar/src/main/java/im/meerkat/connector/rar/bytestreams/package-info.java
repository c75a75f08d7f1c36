/**
 * The SOCKS5 Bytestreams proxy, XEP-0065 §6: the SOCKS5 handshake (RFC 1928, no
 * authentication, CONNECT to a domain name that is the stream's hash), the pairing of target and
 * initiator, and the relay once the initiator has activated the stream through XMPP.
 */
package im.meerkat.connector.rar.bytestreams;
