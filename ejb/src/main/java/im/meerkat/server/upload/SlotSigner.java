package im.meerkat.server.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues upload slots and checks the token a PUT presents (XEP-0363 §4, the {@code
 * Authorization} header of the slot). A slot is not stored anywhere: its token carries the
 * expiry, size and content type, with an HMAC-SHA256 over them, the slot id and the file name,
 * under a secret every node shares. Any node can therefore check a PUT, in a cluster too, and a
 * token cannot be moved to another id, name, size or type.
 */
public final class SlotSigner {

    /** The authentication scheme of the {@code Authorization} header. */
    public static final String SCHEME = "Slot";
    private static final String SECRET_FILE = ".slot-secret";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SlotSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the slot secret needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * The signer for these settings: the configured secret, else the one in the upload
     * directory's {@code .slot-secret}, created on first use (so nodes that share the directory
     * share the secret).
     */
    public static SlotSigner of(UploadSettings settings) throws IOException {
        if (settings.secret() != null) {
            return new SlotSigner(settings.secret().getBytes(StandardCharsets.UTF_8));
        }
        Path dir = settings.directory();
        Files.createDirectories(dir);
        Path file = dir.resolve(SECRET_FILE);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path temp = Files.createTempFile(dir, ".slot-secret", ".tmp");
            Files.writeString(temp, B64.encodeToString(fresh));
            try {
                // the first node to create it wins; the others read the winner's
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
                moveIfAbsent(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return new SlotSigner(B64_DECODE.decode(Files.readString(file).trim()));
    }

    private static void moveIfAbsent(Path temp, Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
        }
    }

    /** A new slot with a fresh random id. */
    public UploadSlot issue(String filename, long size, String contentType, Instant expires) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new UploadSlot(B64.encodeToString(id), filename, size, contentType, expires);
    }

    /** The token that authorizes the slot's PUT. */
    public String token(UploadSlot slot) {
        String fields = slot.expires().getEpochSecond() + "." + slot.size() + "."
                + B64.encodeToString(slot.contentType().getBytes(StandardCharsets.UTF_8));
        return fields + "." + B64.encodeToString(mac(slot.id(), slot.filename(), fields));
    }

    /** The value of the slot's {@code Authorization} header. */
    public String authorization(UploadSlot slot) {
        return SCHEME + " " + token(slot);
    }

    /**
     * The slot a PUT of {@code id}/{@code filename} with this {@code Authorization} header value
     * is for.
     *
     * @throws SlotRejected 403 when the header is missing, malformed or not signed for this id
     *     and name, or the slot has expired
     */
    public UploadSlot verify(String id, String filename, String authorization, Instant now)
            throws SlotRejected {
        if (authorization == null || !authorization.startsWith(SCHEME + " ")) {
            throw new SlotRejected(403, "the PUT needs the slot's Authorization header");
        }
        String token = authorization.substring(SCHEME.length() + 1).trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !UploadSlot.isId(id)) {
            throw new SlotRejected(403, "not a slot token");
        }
        String fields = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] presented;
        try {
            presented = B64_DECODE.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new SlotRejected(403, "not a slot token");
        }
        if (!MessageDigest.isEqual(presented, mac(id, filename, fields))) {
            throw new SlotRejected(403, "the slot token does not match this URL");
        }
        // signed by us, so the fields parse
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[0]));
        if (!now.isBefore(expires)) {
            throw new SlotRejected(403, "the slot has expired");
        }
        String contentType = new String(B64_DECODE.decode(parts[2]), StandardCharsets.UTF_8);
        return new UploadSlot(id, filename, Long.parseLong(parts[1]), contentType, expires);
    }

    private byte[] mac(String id, String filename, String fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // NUL cannot occur in any of the parts, so the message has one reading
            mac.update((id + '\0' + filename + '\0' + fields).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
