package im.meerkat.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The directory uploaded files live in. Each file has a directory named by its slot id holding
 * {@code data} (the bytes) and {@code meta.properties} (name, content type, size, time of the
 * upload). A PUT writes both under {@code .incoming/}, forces them to disk, and only then renames
 * the directory into place, so a file is either complete or absent, and the rename fails when
 * the slot has been used already (one PUT per slot).
 */
public final class UploadStore {

    private static final String INCOMING = ".incoming";
    private static final String DATA = "data";
    private static final String META = "meta.properties";

    private final Path root;

    public UploadStore(Path root) {
        this.root = root;
    }

    /** Whether the slot's file has been uploaded. */
    public boolean exists(String id) {
        return UploadSlot.isId(id) && Files.isDirectory(root.resolve(id));
    }

    /**
     * Stores the body of the slot's PUT, which must be exactly {@code slot.size()} bytes.
     *
     * @throws SlotRejected 400 when the body is shorter or longer, 409 when the slot has been
     *     used already; nothing is kept then
     */
    public StoredFile store(UploadSlot slot, InputStream body, Instant now)
            throws SlotRejected, IOException {
        if (exists(slot.id())) {
            throw new SlotRejected(409, "this slot has been used already");
        }
        Path incoming = root.resolve(INCOMING);
        Files.createDirectories(incoming);
        Path temp = incoming.resolve(slot.id() + "-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            long written = copy(body, temp.resolve(DATA), slot.size());
            if (written != slot.size()) {
                throw new SlotRejected(400, "the body has " + (written > slot.size() ? "more" : "fewer")
                        + " bytes than the slot's size " + slot.size());
            }
            Properties meta = new Properties();
            meta.setProperty("filename", slot.filename());
            meta.setProperty("content-type", slot.contentType());
            meta.setProperty("size", Long.toString(slot.size()));
            meta.setProperty("uploaded", now.toString());
            try (Writer w = Files.newBufferedWriter(temp.resolve(META), StandardCharsets.UTF_8)) {
                meta.store(w, null);
            }
            force(temp.resolve(META));
            try {
                Files.move(temp, root.resolve(slot.id()), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new SlotRejected(409, "this slot has been used already");
            }
            force(root);
            return new StoredFile(root.resolve(slot.id()).resolve(DATA), slot.filename(),
                    slot.contentType(), slot.size(), now);
        } finally {
            deleteTree(temp);
        }
    }

    /** The file uploaded to this id under this name, if any. */
    public Optional<StoredFile> find(String id, String filename) throws IOException {
        if (!exists(id)) {
            return Optional.empty();
        }
        Path dir = root.resolve(id);
        Properties meta = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(META), StandardCharsets.UTF_8)) {
            meta.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed meanwhile
        }
        if (!meta.getProperty("filename", "").equals(filename)) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(dir.resolve(DATA), filename,
                meta.getProperty("content-type"), Long.parseLong(meta.getProperty("size")),
                Instant.parse(meta.getProperty("uploaded"))));
    }

    /**
     * Deletes the files uploaded before {@code uploadedBefore} (none when null) and the
     * unfinished uploads begun before {@code abandonedBefore}.
     *
     * @return how many files and unfinished uploads were deleted
     */
    public int purge(Instant uploadedBefore, Instant abandonedBefore) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (uploadedBefore != null && UploadSlot.isId(id)
                        && modifiedBefore(dir.resolve(DATA), uploadedBefore)) {
                    deleted += deleteTree(dir) ? 1 : 0;
                }
            }
        }
        Path incoming = root.resolve(INCOMING);
        if (Files.isDirectory(incoming)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(incoming)) {
                for (Path dir : dirs) {
                    if (modifiedBefore(dir, abandonedBefore)) {
                        deleted += deleteTree(dir) ? 1 : 0;
                    }
                }
            }
        }
        return deleted;
    }

    private static boolean modifiedBefore(Path dir, Instant limit) throws IOException {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(limit);
        } catch (NoSuchFileException e) {
            return false; // deleted by another node sharing the directory
        }
    }

    /** Copies at most {@code limit} + 1 bytes, so that a longer body is noticed. */
    private static long copy(InputStream in, Path file, long limit) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            int n;
            while (total <= limit && (n = in.read(buffer, 0,
                    (int) Math.min(buffer.length, limit + 1 - total))) > 0) {
                out.write(buffer, 0, n);
                total += n;
            }
        }
        force(file);
        return total;
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e; // some file systems cannot force a directory; a file must be
            }
        }
    }

    private static boolean deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (NoSuchFileException e) {
            return false;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return true;
    }
}
