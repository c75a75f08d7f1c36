package im.meerkat.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slot tokens a PUT must present (XEP-0363 §4: the slot's Authorization header). */
class SlotSignerTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private final SlotSigner signer = new SlotSigner("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private final UploadSlot slot = signer.issue("cat picture.jpg", 1234, "image/jpeg", NOW.plusSeconds(300));

    private int rejection(String id, String name, String header, Instant at) {
        return assertThrows(SlotRejected.class, () -> signer.verify(id, name, header, at)).status();
    }

    @Test
    void theSlotsOwnTokenOpensIt() throws Exception {
        assertEquals(slot, signer.verify(slot.id(), slot.filename(), signer.authorization(slot), NOW));
        assertTrue(signer.authorization(slot).startsWith("Slot "));
    }

    @Test
    void everySlotHasItsOwnId() {
        assertNotEquals(slot.id(), signer.issue("a", 1, "text/plain", NOW).id());
        assertTrue(UploadSlot.isId(slot.id()));
    }

    @Test
    void aTokenOpensNoOtherIdOrName() {
        String header = signer.authorization(slot);
        UploadSlot other = signer.issue("cat picture.jpg", 1234, "image/jpeg", NOW.plusSeconds(300));
        assertEquals(403, rejection(other.id(), slot.filename(), header, NOW));
        assertEquals(403, rejection(slot.id(), "dog.jpg", header, NOW));
    }

    @Test
    void changedSizeTypeOrExpiryBreakTheSignature() {
        String token = signer.token(slot);
        String[] parts = token.split("\\.");
        String larger = Instant.now().getEpochSecond() + 999 + "." + parts[1] + "." + parts[2] + "." + parts[3];
        assertEquals(403, rejection(slot.id(), slot.filename(), "Slot " + larger, NOW));
        String bigger = parts[0] + ".99999." + parts[2] + "." + parts[3];
        assertEquals(403, rejection(slot.id(), slot.filename(), "Slot " + bigger, NOW));
        String otherKey = new SlotSigner("another secret of 16+ bytes".getBytes(StandardCharsets.UTF_8))
                .authorization(slot);
        assertEquals(403, rejection(slot.id(), slot.filename(), otherKey, NOW));
    }

    @Test
    void missingOrMalformedHeadersAreForbidden() {
        assertEquals(403, rejection(slot.id(), slot.filename(), null, NOW));
        assertEquals(403, rejection(slot.id(), slot.filename(), "Bearer " + signer.token(slot), NOW));
        assertEquals(403, rejection(slot.id(), slot.filename(), "Slot a.b.c", NOW));
        assertEquals(403, rejection(slot.id(), slot.filename(), "Slot 1.2.3.!!", NOW));
        assertEquals(403, rejection("../../etc", slot.filename(), signer.authorization(slot), NOW));
    }

    @Test
    void anExpiredSlotIsForbidden() {
        String header = signer.authorization(slot);
        assertEquals(403, rejection(slot.id(), slot.filename(), header, NOW.plusSeconds(300)));
    }

    @Test
    void nodesSharingTheDirectoryShareTheSecret(@TempDir Path dir) throws Exception {
        UploadSettings settings = new UploadSettings(Map.of("meerkat.upload.dir", dir.toString())::get);
        SlotSigner first = SlotSigner.of(settings);
        SlotSigner second = SlotSigner.of(settings);
        assertEquals(slot, second.verify(slot.id(), slot.filename(), first.authorization(slot), NOW));
        assertTrue(Files.exists(dir.resolve(".slot-secret")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void aConfiguredSecretIsUsedAsItIs(@TempDir Path dir) throws Exception {
        Map<String, String> values = Map.of("meerkat.upload.dir", dir.toString(),
                "meerkat.upload.secret", "0123456789abcdef0123");
        SlotSigner configured = SlotSigner.of(new UploadSettings(values::get));
        assertEquals(slot, configured.verify(slot.id(), slot.filename(), signer.authorization(slot), NOW));
    }
}
