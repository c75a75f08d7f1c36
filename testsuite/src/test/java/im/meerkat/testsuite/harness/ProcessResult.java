package im.meerkat.testsuite.harness;

/**
 * How a command ended: its exit code and what it wrote.
 *
 * @param exitCode the exit status, or -1 when the command was killed after its time limit
 */
public record ProcessResult(String command, int exitCode, String stdout, String stderr) {

    /** Everything for a failure message. */
    public String describe() {
        return command + " exited with " + exitCode + "\n--- stdout:\n" + stdout
                + "\n--- stderr:\n" + stderr;
    }
}
