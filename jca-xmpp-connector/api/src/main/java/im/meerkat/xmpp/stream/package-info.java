/**
 * XML stream parsing (RFC 6120 §4 and §11): an incremental parser that turns bytes into a
 * stream header and immutable top-level elements, enforcing the restricted XML profile and
 * size, depth and attribute limits; and a document parser for transports that frame each
 * element on its own (RFC 7395, XEP-0124).
 */
package im.meerkat.xmpp.stream;
