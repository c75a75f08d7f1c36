/**
 * The three stanza kinds of RFC 6120 §8 as immutable views over an {@link
 * im.meerkat.xmpp.xml.Element}: typed addresses, types and error replies.
 */
package im.meerkat.xmpp.stanza;
