/** A failure with the exit code and message meerkatctl ends with. */
class CtlException extends Exception {

    final int exitCode;
    final boolean showUsage;

    CtlException(int exitCode, String message, boolean showUsage) {
        super(message);
        this.exitCode = exitCode;
        this.showUsage = showUsage;
    }

    static CtlException usage(String message) {
        return new CtlException(MeerkatCtl.USAGE, message, true);
    }

    static CtlException of(int exitCode, String message) {
        return new CtlException(exitCode, message, false);
    }
}
