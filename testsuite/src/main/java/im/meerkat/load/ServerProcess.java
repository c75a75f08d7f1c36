package im.meerkat.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The server JVM on this machine whose memory a run reports: found by its {@code jboss.node.name}
 * or given by pid. Live heap comes from {@code jcmd GC.class_histogram}, which runs a full
 * collection first, so it counts reachable objects only; RSS comes from /proc.
 */
final class ServerProcess {

    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    static ServerProcess find(Options options) {
        int given = options.number("pid", -1);
        if (given > 0) {
            return new ServerProcess(given);
        }
        String marker = "-Djboss.node.name=node" + options.node();
        return ProcessHandle.allProcesses()
                // the JVM itself, not the standalone.sh that started it with the same arguments
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(marker)).orElse(false))
                .findFirst()
                .map(p -> new ServerProcess(p.pid()))
                .orElseThrow(() -> new IllegalStateException(
                        "no server process with " + marker + " (start it or give --pid)"));
    }

    long pid() {
        return pid;
    }

    /** Bytes of live objects on the heap, after a full collection. */
    long liveHeapBytes() throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] words = lines.get(i).trim().split("\\s+");
            if (words.length == 3 && words[0].equals("Total")) {
                return Long.parseLong(words[2]);
            }
        }
        throw new IOException("jcmd gave no histogram for pid " + pid + ": " + String.join("\n", lines));
    }

    /** Resident set size in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    /** Threads of the process. */
    long threads() throws IOException {
        try (var entries = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return entries.count();
        }
    }
}
