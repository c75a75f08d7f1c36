package im.meerkat.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-second CSV of the load tool: its header, one row a second, counts per second. */
class SecondRecorderTest {

    @TempDir
    Path dir;

    @Test
    void oneRowASecondWithWhatHappenedInThatSecond() throws Exception {
        Path file = dir.resolve("sub/run.csv");
        try (SecondRecorder recorder = new SecondRecorder(file, 0, 100)) {
            recorder.sent();
            recorder.sent();
            recorder.received(2_000_000);
            recorder.received(4_000_000);
            recorder.error();
            Thread.sleep(2300);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(SecondRecorder.HEADER, lines.get(0));
        assertEquals("time,sent,received,errors,p50_ms,p99_ms", lines.get(0));
        assertTrue(lines.size() >= 3, lines.toString());
        assertEquals("1,2,2,1,2.000,4.000", lines.get(1));
        assertEquals("2,0,0,0,NaN,NaN", lines.get(2));
    }

    @Test
    void theSummaryLeavesOutTheWarmUpAndKeepsAtMostTheBound() throws Exception {
        try (SecondRecorder recorder = new SecondRecorder(dir.resolve("w.csv"), 1, 2)) {
            recorder.received(9_000_000); // second 0: warm-up
            Thread.sleep(1200);
            recorder.received(1_000_000);
            recorder.received(1_000_000);
            recorder.received(1_000_000); // beyond the bound of two
            assertEquals(4, recorder.totalReceived());
            assertEquals("samples 2  p50 1.000 ms  p90 1.000 ms  p99 1.000 ms  p99.9 1.000 ms  max 1.000 ms",
                    recorder.summary().table());
        }
    }
}
