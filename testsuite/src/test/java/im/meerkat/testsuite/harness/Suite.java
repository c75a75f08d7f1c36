package im.meerkat.testsuite.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the suite finds the repository and keeps its nodes, and which database it uses. Maven
 * passes {@code meerkat.home} and {@code meerkat.test.var}; run from an IDE, both are derived
 * from the working directory.
 */
public final class Suite {

    /** The default number of the node all test classes share. */
    public static final int DEFAULT_SHARED_NODE = 11;

    private Suite() {
    }

    /**
     * The number of the node all test classes share ({@code -Dmeerkat.test.node}, default
     * {@value #DEFAULT_SHARED_NODE}); the suite's further nodes count up from it.
     */
    public static int sharedNode() {
        return Integer.getInteger("meerkat.test.node", DEFAULT_SHARED_NODE);
    }

    /** The repository root, whose {@code bin/} holds {@code meerkat} and {@code meerkatctl}. */
    public static Path home() {
        String configured = System.getProperty("meerkat.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("bin/meerkatctl"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the repository (bin/meerkatctl) above "
                + dir + "; set -Dmeerkat.home");
    }

    /** {@code MEERKAT_VAR} of the suite's nodes: {@code testsuite/target/var}. */
    public static Path varDir() {
        String configured = System.getProperty("meerkat.test.var");
        Path var = configured != null && !configured.isBlank() ? Path.of(configured)
                : home().resolve("testsuite/target/var");
        return var.toAbsolutePath().normalize();
    }

    /** Whether the CI asked for PostgreSQL ({@code MEERKAT_TEST_DB=postgres}) instead of H2. */
    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getenv().getOrDefault("MEERKAT_TEST_DB", ""));
    }
}
