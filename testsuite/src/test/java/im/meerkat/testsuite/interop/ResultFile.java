package im.meerkat.testsuite.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.ConcreteTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResultProcessor;
import org.igniterealtime.smack.inttest.TestResult;

/**
 * A {@link TestRunResultProcessor} for the child JVM: writes each test's outcome to the file
 * named by {@code meerkat.interop.results}, one tab-separated line per test
 * ({@code OUTCOME, Class.method, detail}), which {@link InteropIT} reads back.
 *
 * <p>Outcomes: {@code PASSED}; {@code FAILED} (an assertion or an error while running);
 * {@code NOT_POSSIBLE} for a test the framework did not run because the server lacks what it
 * needs (it throws {@code TestNotPossibleException}); {@code CLASS_NOT_POSSIBLE} for a whole
 * test class refused the same way in its constructor or {@code @BeforeClass}.
 */
public final class ResultFile implements TestRunResultProcessor {

    @Override
    public void process(TestRunResult result) {
        List<String> lines = new ArrayList<>();
        result.getSuccessfulTests().forEach(test -> lines.add(line("PASSED", test, "")));
        result.getFailedTests().forEach(test -> lines.add(line("FAILED", test,
                String.valueOf(test.failureReason))));
        result.getNotPossibleTests().forEach(test -> lines.add(line("NOT_POSSIBLE", test,
                test.testNotPossibleException.getMessage())));
        result.getImpossibleTestClasses().forEach((type, why) -> lines.add(String.join("\t",
                "CLASS_NOT_POSSIBLE", type.getSimpleName(), oneLine(String.valueOf(why)))));
        Path file = Path.of(System.getProperty("meerkat.interop.results"));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** {@code SimpleClassName.method}, the name the known-failures file uses. */
    static String name(ConcreteTest test) {
        return test.getMethod().getDeclaringClass().getSimpleName() + "."
                + test.getMethod().getName();
    }

    private static String line(String outcome, TestResult test, String detail) {
        return String.join("\t", outcome, name(test.concreteTest), oneLine(detail));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
