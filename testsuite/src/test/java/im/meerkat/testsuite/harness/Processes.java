package im.meerkat.testsuite.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's scripts. Output goes to files, not pipes: {@code bin/meerkat start}
 * leaves a server running in the background, which may keep a pipe open for as long as it runs.
 */
public final class Processes {

    private Processes() {
    }

    /**
     * Runs a command to its end, or kills it after {@code timeout}.
     *
     * @param environment changes to this JVM's environment; a null value removes a variable
     */
    public static ProcessResult run(List<String> command, Map<String, String> environment,
            Duration timeout) {
        String text = String.join(" ", command);
        try {
            Path dir = Suite.varDir();
            Files.createDirectories(dir);
            Path out = Files.createTempFile(dir, "process-", ".out");
            Path err = Files.createTempFile(dir, "process-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(Suite.home().toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                Map<String, String> env = builder.environment();
                environment.forEach((name, value) -> {
                    if (value == null) {
                        env.remove(name);
                    } else {
                        env.put(name, value);
                    }
                });
                Process process = builder.start();
                int exit;
                if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    exit = process.exitValue();
                } else {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroyForcibly();
                    exit = -1;
                }
                return new ProcessResult(text, exit, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + text + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + text, e);
        }
    }
}
