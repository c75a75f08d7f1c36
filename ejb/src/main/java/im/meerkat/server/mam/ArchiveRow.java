package im.meerkat.server.mam;

/**
 * One row on its way into table {@code meerkat_mam}.
 *
 * @param peerResource null when the other party's address has no resource
 */
public record ArchiveRow(long id, String owner, String peer, String peerResource, String xml) {
}
