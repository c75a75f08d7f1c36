/**
 * Client stream negotiation (RFC 6120 §4-7) as one state machine shared by every transport: stream
 * headers, features, STARTTLS, SASL, resource binding, and the stream's close.
 */
package im.meerkat.server.stream;
