package im.meerkat.testsuite.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code bin/meerkatctl --node N ...} against a node of the suite, as an operator would. */
public final class Meerkatctl {

    private final int node;

    public Meerkatctl(int node) {
        this.node = node;
    }

    /** Runs one command line and returns how it ended. */
    public ProcessResult run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Suite.home().resolve("bin/meerkatctl").toString());
        command.add("--node");
        command.add(Integer.toString(node));
        command.addAll(List.of(args));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MEERKAT_VAR", Suite.varDir().toString());
        // These would override the node's meerkatctl.properties.
        env.put("MEERKAT_ADMIN_URL", null);
        env.put("MEERKAT_ADMIN_USER", null);
        env.put("MEERKAT_ADMIN_PASSWORD", null);
        return Processes.run(command, env, Duration.ofSeconds(120));
    }
}
