/**
 * Stanza routing for bound client sessions: RFC 6120 §10 (server rules for processing XML
 * stanzas) and RFC 6121 §8 (delivery rules for messages, presence and IQs to local accounts).
 */
package im.meerkat.server.routing;
