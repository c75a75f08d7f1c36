/**
 * Message archive (XEP-0313, {@code urn:xmpp:mam:2}) with unique and stable stanza ids
 * (XEP-0359). Each side of a one-to-one chat between local accounts keeps its own copy in table
 * {@code meerkat_mam}; rows are written asynchronously in JDBC batches by {@link
 * im.meerkat.server.mam.ArchiveWriter} and read by {@link im.meerkat.server.mam.MamHandler}.
 * docs/ARCHIVE.md describes the design.
 */
package im.meerkat.server.mam;
