package im.meerkat.server.pep;

/**
 * An item as stored: id, publication time (milliseconds since the epoch), publisher's full JID
 * and payload XML.
 */
public record StoredItem(String id, long published, String publisher, String payload) {
}
