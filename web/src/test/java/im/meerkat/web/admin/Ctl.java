package im.meerkat.web.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The sources of {@code bin/ctl/}, the program behind {@code bin/meerkatctl}, compiled from the
 * repository as the script compiles them, with lint warnings (as the build sets them) as errors,
 * and run in-process through {@code MeerkatCtl.run} so that each call is fast.
 */
final class Ctl {

    /** The repository's {@code bin/}, which surefire passes in. */
    static final Path BIN = Path.of(System.getProperty("meerkat.bin", "../bin"))
            .toAbsolutePath().normalize();

    /** One command line's outcome. */
    record Result(int exit, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private static Method run;
    private static Method runWithInput;

    private Ctl() {
    }

    static synchronized Method program() throws IOException, ReflectiveOperationException {
        if (run == null) {
            Path classes = Files.createTempDirectory("meerkatctl-classes");
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter diagnostics = new StringWriter();
            boolean compiled = javac.getTask(diagnostics, null, null,
                    List.of("--release", "17", "-Xlint:all,-serial", "-Werror", "-d", classes.toString()),
                    null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                            .getJavaFileObjects(sources()))
                    .call();
            if (!compiled) {
                throw new IllegalStateException("bin/ctl does not compile:\n"
                        + diagnostics);
            }
            // Deliberately never closed: the class stays loaded for every test.
            @SuppressWarnings("resource")
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    Ctl.class.getClassLoader());
            run = loader.loadClass("MeerkatCtl").getMethod("run", String[].class, Map.class,
                    Path.class, PrintStream.class, PrintStream.class);
            runWithInput = loader.loadClass("MeerkatCtl").getMethod("run", String[].class,
                    Map.class, Path.class, java.io.InputStream.class, PrintStream.class,
                    PrintStream.class);
        }
        return run;
    }

    private static Path[] sources() throws IOException {
        try (Stream<Path> files = Files.list(BIN.resolve("ctl"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted()
                    .toArray(Path[]::new);
        }
    }

    /** Runs one command line that may ask a question, with {@code input} as the terminal's. */
    static Result runWithInput(Map<String, String> env, Path home, String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            program();
            int exit = (int) runWithInput.invoke(null, args, env, home,
                    new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), o, e);
            return new Result(exit, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (InvocationTargetException e) {
            throw new AssertionError("meerkatctl threw instead of exiting", e.getCause());
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs one command line.
     *
     * @param env  the environment the program sees (and nothing else of this process's)
     * @param home the directory whose {@code var/} holds the nodes
     */
    static Result run(Map<String, String> env, Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exit = (int) program().invoke(null, args, env, home, o, e);
            return new Result(exit, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (InvocationTargetException e) {
            throw new AssertionError("meerkatctl threw instead of exiting", e.getCause());
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code home/var/nodeN/meerkatctl.properties} as bin/meerkat does. */
    static void writeNode(Path home, int node, String url, String user, String password)
            throws IOException {
        Path dir = home.resolve("var").resolve("node" + node);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("meerkatctl.properties"),
                "url=" + url + "\nuser=" + user + "\npassword=" + password + "\n");
    }
}
