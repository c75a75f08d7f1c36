/**
 * XMPP over WebSocket (RFC 7395) at {@code /ws-xmpp}: the {@code xmpp} subprotocol, the framing
 * elements {@code <open/>} and {@code <close/>} of {@code urn:ietf:params:xml:ns:xmpp-framing},
 * one complete XML document per text message. The endpoint only frames: every stream event goes
 * to {@link im.meerkat.server.stream.StreamService}, the same state machine TCP streams use.
 * Settings and behaviour are described in {@code docs/WEB.md}.
 */
package im.meerkat.web.websocket;
