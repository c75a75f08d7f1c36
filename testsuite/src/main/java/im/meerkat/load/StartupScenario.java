package im.meerkat.load;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code startup}: starts a stopped node with {@code bin/meerkat start --node N} and measures the
 * time until its c2s port answers a stream header with stream features, probing every 20 ms.
 * Stops the node afterwards unless {@code --keep true}. Options: {@code --runs} (default 3).
 */
final class StartupScenario {

    private StartupScenario() {
    }

    static void run(Options options) throws Exception {
        XmppClient.Target target = new XmppClient.Target("127.0.0.1", options.target().port(),
                options.target().domain(), 2_000);
        if (XmppClient.answers(target)) {
            throw new IllegalStateException("node " + options.node() + " is already running; stop it first");
        }
        String launcher = Path.of(options.text("meerkat", "bin/meerkat")).toString();
        int runs = options.number("runs", 3);
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            Process process = new ProcessBuilder(launcher, "start", "--node", Integer.toString(options.node()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = started + TimeUnit.MINUTES.toNanos(5);
            while (!XmppClient.answers(target)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node did not answer within 5 minutes");
                }
                Thread.sleep(20);
            }
            double seconds = IdleScenario.seconds(started);
            process.waitFor(5, TimeUnit.MINUTES);
            System.out.printf("startup run %d: %.2f s from launch to stream features on port %d%n",
                    run, seconds, target.port());
            if (run < runs || !Boolean.parseBoolean(options.text("keep", "false"))) {
                new ProcessBuilder(launcher, "stop", "--node", Integer.toString(options.node()))
                        .inheritIO().start().waitFor(5, TimeUnit.MINUTES);
            }
        }
    }
}
