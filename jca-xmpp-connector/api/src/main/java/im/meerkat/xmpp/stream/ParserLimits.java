package im.meerkat.xmpp.stream;

/**
 * Bounds on what a peer may send in one stanza. Past any of them the stream ends with
 * {@code <policy-violation/>} (architecture invariant 4).
 *
 * @param maxStanzaBytes  octets from the start of a top-level element to its end; also bounds
 *                        the stream header
 * @param maxDepth        nesting depth of a top-level element, itself counting as 1
 * @param maxAttributes   attributes on any one element
 */
public record ParserLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {

    /** 256 KiB stanzas, 32 levels, 64 attributes: room for vCards with avatars. */
    public static final ParserLimits DEFAULT = new ParserLimits(256 * 1024, 32, 64);

    public ParserLimits {
        requirePositive(maxStanzaBytes, "maxStanzaBytes");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxAttributes, "maxAttributes");
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
