package im.meerkat.server.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload directory: one complete file per slot, or none. */
class UploadStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final byte[] BYTES = "hello, upload".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final SlotSigner signer = new SlotSigner(new byte[32]);

    private UploadSlot slot(long size) {
        return signer.issue("notes.txt", size, "text/plain; charset=utf-8", NOW.plusSeconds(60));
    }

    private int rejection(UploadStore store, UploadSlot slot, byte[] body) {
        return assertThrows(SlotRejected.class,
                () -> store.store(slot, new ByteArrayInputStream(body), NOW)).status();
    }

    private long entries(Path path) throws Exception {
        try (var files = Files.list(path)) {
            return files.count();
        }
    }

    @Test
    void aStoredFileIsFoundUnderItsIdAndName() throws Exception {
        UploadStore store = new UploadStore(dir);
        UploadSlot slot = slot(BYTES.length);
        store.store(slot, new ByteArrayInputStream(BYTES), NOW);
        StoredFile file = store.find(slot.id(), "notes.txt").orElseThrow();
        assertArrayEquals(BYTES, Files.readAllBytes(file.data()));
        assertEquals("text/plain; charset=utf-8", file.contentType());
        assertEquals(BYTES.length, file.size());
        assertEquals(NOW, file.uploaded());
        assertTrue(store.find(slot.id(), "other.txt").isEmpty());
        assertTrue(store.find("AAAAAAAAAAAAAAAAAAAAAA", "notes.txt").isEmpty());
        assertTrue(store.find("../notes", "notes.txt").isEmpty());
    }

    @Test
    void aSecondPutOfTheSlotIsAConflictAndKeepsTheFirst() throws Exception {
        UploadStore store = new UploadStore(dir);
        UploadSlot slot = slot(BYTES.length);
        store.store(slot, new ByteArrayInputStream(BYTES), NOW);
        byte[] other = "HELLO, UPLOAD".getBytes(StandardCharsets.UTF_8);
        assertEquals(409, rejection(store, slot, other));
        assertArrayEquals(BYTES, Files.readAllBytes(store.find(slot.id(), "notes.txt").orElseThrow().data()));
        assertEquals(0, entries(dir.resolve(".incoming")));
    }

    @Test
    void aBodyOfAnotherSizeIsRefusedAndLeavesNothing() throws Exception {
        UploadStore store = new UploadStore(dir);
        UploadSlot shorter = slot(BYTES.length + 1);
        assertEquals(400, rejection(store, shorter, BYTES));
        UploadSlot longer = slot(BYTES.length - 1);
        assertEquals(400, rejection(store, longer, BYTES));
        assertFalse(store.exists(shorter.id()));
        assertFalse(store.exists(longer.id()));
        assertEquals(0, entries(dir.resolve(".incoming")));
    }

    @Test
    void anEmptyFileIsAFile() throws Exception {
        UploadStore store = new UploadStore(dir);
        UploadSlot empty = slot(0);
        store.store(empty, new ByteArrayInputStream(new byte[0]), NOW);
        assertEquals(0, store.find(empty.id(), "notes.txt").orElseThrow().size());
    }

    @Test
    void purgeDeletesFilesPastRetentionAndAbandonedUploads() throws Exception {
        UploadStore store = new UploadStore(dir);
        UploadSlot old = slot(BYTES.length);
        UploadSlot recent = slot(BYTES.length);
        store.store(old, new ByteArrayInputStream(BYTES), NOW);
        store.store(recent, new ByteArrayInputStream(BYTES), NOW);
        Instant now = Instant.now();
        Files.setLastModifiedTime(dir.resolve(old.id()).resolve("data"),
                FileTime.from(now.minus(Duration.ofDays(31))));
        Path abandoned = Files.createDirectories(dir.resolve(".incoming").resolve("x"));
        Files.setLastModifiedTime(abandoned, FileTime.from(now.minus(Duration.ofDays(2))));

        assertEquals(2, store.purge(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        assertFalse(store.exists(old.id()));
        assertTrue(store.exists(recent.id()));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(dir.resolve(recent.id())), "kept");
        assertEquals(0, store.purge(null, now.minus(Duration.ofDays(1))), "no retention keeps files");
    }
}
