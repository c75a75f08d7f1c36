package im.meerkat.server.upload;

import java.nio.file.Path;
import java.time.Instant;

/** An uploaded file: where its bytes are, and what its GET answers with. */
public record StoredFile(Path data, String filename, String contentType, long size, Instant uploaded) {
}
