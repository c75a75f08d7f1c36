import java.nio.charset.StandardCharsets;

/** Percent-encoding of path segments and query values (RFC 3986 §2.1, §3.3). */
final class Encode {

    private Encode() {
    }

    /** Encodes all but unreserved characters and '@', so the value stays one segment. */
    static String segment(String value) {
        return encode(value, "@");
    }

    /** A JID keeps its '/' literal: the API takes a full JID as the rest of the path. */
    static String jid(String value) {
        return encode(value, "@/");
    }

    private static String encode(String value, String keep) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
            if (unreserved || (c < 0x80 && keep.indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
