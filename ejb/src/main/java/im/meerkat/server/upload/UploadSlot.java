package im.meerkat.server.upload;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One upload slot (XEP-0363 §4): the random id that names the file's place, the file name, the
 * exact size and content type the PUT must have, and when the slot expires.
 */
public record UploadSlot(String id, String filename, long size, String contentType, Instant expires) {

    /** 128 random bits, base64url without padding. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    public UploadSlot {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(expires, "expires");
        if (!isId(id)) {
            throw new IllegalArgumentException("not a slot id: " + id);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }

    /** Whether {@code id} has the form of a slot id (and so is safe as a directory name). */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
