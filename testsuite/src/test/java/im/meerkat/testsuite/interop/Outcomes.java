package im.meerkat.testsuite.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one framework run as {@link ResultFile} wrote it, compared with the
 * known-failures list ({@code interop/known-failures.txt} on the test class path).
 */
final class Outcomes {

    /** One line of the result file. */
    record Outcome(String kind, String test, String detail) {
    }

    private final List<Outcome> outcomes;

    private Outcomes(List<Outcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    static Outcomes read(Path file) {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    String[] fields = line.split("\t", 3);
                    outcomes.add(new Outcome(fields[0], fields[1],
                            fields.length > 2 ? fields[2] : ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Outcomes(outcomes);
    }

    /** The outcomes of this run followed by those of another. */
    Outcomes plus(Outcomes other) {
        List<Outcome> all = new ArrayList<>(outcomes);
        all.addAll(other.outcomes);
        return new Outcomes(all);
    }

    /**
     * The known failures: test name ({@code SimpleClassName.method}) to reason. A line is a
     * name, white space and the reason; {@code #} starts a comment line. A name without a
     * reason is refused, so that every entry says why it is there.
     */
    static Map<String, String> knownFailures(String resource) {
        Map<String, String> known = new LinkedHashMap<>();
        try (InputStream in = Outcomes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] parts = entry.split("\\s+", 2);
                if (parts.length < 2 || parts[1].isBlank()) {
                    throw new IllegalStateException(resource + ": no reason given for " + parts[0]);
                }
                if (known.put(parts[0], parts[1].strip()) != null) {
                    throw new IllegalStateException(resource + ": " + parts[0] + " listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return known;
    }

    List<Outcome> all() {
        return outcomes;
    }

    List<Outcome> of(String kind) {
        return outcomes.stream().filter(o -> o.kind().equals(kind)).toList();
    }

    /** Failed tests the known-failures list does not name. */
    List<Outcome> unexpectedFailures(Map<String, String> known) {
        return of("FAILED").stream().filter(o -> !known.containsKey(o.test())).toList();
    }

    /** Listed tests that passed this time: the list should lose them. */
    List<String> listedButPassed(Map<String, String> known) {
        return of("PASSED").stream().map(Outcome::test).filter(known::containsKey).distinct()
                .toList();
    }

    /** Listed tests that did not fail (passed, not possible, or absent from the run). */
    List<String> listedButNotFailed(Map<String, String> known) {
        List<String> failed = of("FAILED").stream().map(Outcome::test).toList();
        return known.keySet().stream().filter(name -> !failed.contains(name)).toList();
    }

    /** Counts per kind, for the report. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
        return counts;
    }
}
