import java.io.PrintStream;
import java.util.List;

/** One command: its names, parameters, how many arguments it takes, and what it does. */
record Command(String name, List<String> aliases, String params, int minArgs, int maxArgs,
        String summary, Action action) {

    /** What a command does with the API, writing its result to {@code out}. */
    interface Action {
        void run(AdminClient api, List<String> args, PrintStream out) throws CtlException;
    }

    void checkArity(List<String> args) throws CtlException {
        if (args.size() < minArgs || args.size() > maxArgs) {
            String expected = minArgs == maxArgs ? String.valueOf(minArgs)
                    : maxArgs == Integer.MAX_VALUE ? "at least " + minArgs
                    : minArgs + " to " + maxArgs;
            throw CtlException.of(MeerkatCtl.USAGE, "wrong number of arguments for " + name
                    + " (expected " + expected + ", got " + args.size() + ")\n"
                    + "Usage: meerkatctl [--node N] " + (name + " " + params).trim());
        }
    }
}
