/**
 * Browser transports against a running node: XMPP over WebSocket (RFC 7395) at {@code /ws-xmpp}
 * and BOSH (XEP-0124, XEP-0206) at {@code /http-bind}, with clients built on
 * {@code java.net.http} that speak the framing byte by byte, next to Smack TCP users.
 */
package im.meerkat.testsuite.web;
