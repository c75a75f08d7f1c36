/**
 * Client stream negotiation (RFC 6120 §4-7) as one state machine shared by every transport: stream
 * headers, features, STARTTLS, SASL, resource binding, and the stream's close; stream management
 * (XEP-0198: acknowledgements, resumption) and client state indication (XEP-0352) on top of it.
 */
package im.meerkat.server.stream;
