/**
 * Protocol errors as values: the stream error conditions of RFC 6120 §4.9.3 and the stanza
 * error conditions and types of RFC 6120 §8.3, with their XML forms.
 */
package im.meerkat.xmpp.error;
