import java.util.List;

/** The options and the command of one command line. */
record Invocation(int node, String command, List<String> args) {

    static Invocation parse(String[] argv) throws CtlException {
        int node = 1;
        int i = 0;
        while (i < argv.length && argv[i].startsWith("-")) {
            String option = argv[i];
            if (option.equals("-h") || option.equals("--help")) {
                return new Invocation(node, "help", List.of());
            } else if (option.equals("--node")) {
                if (i + 1 >= argv.length) {
                    throw CtlException.usage("--node needs a node number");
                }
                node = nodeNumber(argv[i + 1]);
                i += 2;
            } else if (option.startsWith("--node=")) {
                node = nodeNumber(option.substring("--node=".length()));
                i += 1;
            } else {
                throw CtlException.usage("unknown option '" + option + "'");
            }
        }
        if (i >= argv.length) {
            throw CtlException.usage("no command given");
        }
        return new Invocation(node, argv[i], List.of(argv).subList(i + 1, argv.length));
    }

    private static int nodeNumber(String text) throws CtlException {
        try {
            int node = Integer.parseInt(text);
            if (node >= 1) {
                return node;
            }
        } catch (NumberFormatException e) {
            // Reported below together with the out-of-range case.
        }
        throw CtlException.usage("the node must be a positive number, not '" + text + "'");
    }
}
