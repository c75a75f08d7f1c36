/**
 * The immutable XML element model that stanzas are made of, addressed by qualified name
 * (namespace and local name, never by prefix), and its serializer.
 */
package im.meerkat.xmpp.xml;
