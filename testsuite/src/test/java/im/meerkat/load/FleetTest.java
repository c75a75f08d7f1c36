package im.meerkat.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several load processes: shares of a run, and the merge of their CSV rows and raw samples. */
class FleetTest {

    @TempDir
    Path dir;

    @Test
    void sharesAreEvenInMultiplesOfTheUnit() {
        assertArrayEquals(new int[] {4, 4, 2}, Fleet.split(10, 3, 2));
        assertArrayEquals(new int[] {9500, 9500}, Fleet.split(19000, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Fleet.split(3, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Fleet.split(2, 3, 2));
    }

    @Test
    void mergeAddsCountsAndTakesPercentilesOverEverySample() throws Exception {
        Path csv = dir.resolve("run.csv");
        child(csv, 0, List.of("1,10,9,0,1.000,1.000", "2,10,10,1,1.000,1.000"), new long[][] {{1_000_000}, {1_000_000}});
        child(csv, 1, List.of("1,5,5,0,9.000,9.000", "2,5,5,0,9.000,9.000"), new long[][] {{9_000_000}, {9_000_000}});

        Percentiles afterWarmup = Fleet.merge(csv, 2, 1);

        List<String> rows = Files.readAllLines(csv);
        assertEquals(SecondRecorder.HEADER, rows.get(0));
        assertEquals("1,15,14,0,1.000,9.000", rows.get(1));
        assertEquals("2,15,15,1,1.000,9.000", rows.get(2));
        // second 1 is the warm-up: only the samples of row 2 count
        assertEquals("samples 2  p50 1.000 ms  p90 9.000 ms  p99 9.000 ms  p99.9 9.000 ms  max 9.000 ms",
                afterWarmup.table());
    }

    private static void child(Path csv, int index, List<String> rows, long[][] samples) throws Exception {
        Path own = Fleet.childCsv(csv, index);
        Files.write(own, concat(SecondRecorder.HEADER, rows));
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Fleet.samplesOf(own)))) {
            for (int s = 0; s < samples.length; s++) {
                out.writeInt(s + 1);
                out.writeInt(samples[s].length);
                for (long sample : samples[s]) {
                    out.writeLong(sample);
                }
            }
        }
    }

    private static List<String> concat(String header, List<String> rows) {
        List<String> all = new java.util.ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
