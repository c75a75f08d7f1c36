/**
 * SASL for client streams (RFC 6120 §6): SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) with
 * their {@code -PLUS} variants (channel binding {@code tls-exporter}, RFC 9266, and
 * {@code tls-server-end-point}, RFC 5929), and PLAIN (RFC 4616) over TLS only. Each mechanism is a
 * small class in the {@link im.meerkat.server.sasl.SaslMechanisms} registry.
 */
package im.meerkat.server.sasl;
