/**
 * BOSH (XEP-0124) carrying XMPP (XEP-0206) at {@code /http-bind}: an asynchronous servlet that
 * holds requests open, the session with its request-id window, response cache, wait, hold,
 * inactivity and pause, and the terminal binding conditions of XEP-0124 §17. The XMPP stream
 * inside a session is driven by {@link im.meerkat.server.stream.StreamService}, the same state
 * machine TCP and WebSocket streams use. Settings and behaviour: {@code docs/WEB.md}.
 */
package im.meerkat.web.bosh;
