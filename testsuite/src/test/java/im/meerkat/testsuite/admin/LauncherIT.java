package im.meerkat.testsuite.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.ProcessResult;
import im.meerkat.testsuite.harness.Processes;
import im.meerkat.testsuite.harness.SharedNode;
import im.meerkat.testsuite.harness.Suite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code bin/meerkat}: the status of nodes, and a start that cannot bind its port. */
@ExtendWith(SharedNode.class)
class LauncherIT {

    @Test
    void statusOfTheRunningNode(MeerkatNode node) {
        ProcessResult status = node.launcherCommand("status");
        assertEquals(0, status.exitCode(), status.describe());
        String output = status.stdout() + status.stderr();
        assertTrue(output.contains(Integer.toString(node.config().number())), output);
    }

    @Test
    void statusOfANodeThatIsNotRunning() {
        int never = Suite.sharedNode() + 8;
        ProcessResult status = launcher("status", never);
        assertNotEquals(0, status.exitCode(), "node " + never + " never ran: " + status.describe());
    }

    @Test
    void startFailsClearlyWhenItsPortIsTaken() throws Exception {
        NodeConfig config = NodeConfig.shared().withNumber(Suite.sharedNode() + 2)
                .withDatabase(null);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    config.c2sPort()));
            ProcessResult start = launcher("start", config.number(), config);
            try {
                assertNotEquals(0, start.exitCode(), "the start must fail: " + start.describe());
                String output = start.stdout() + start.stderr();
                assertTrue(output.contains(Integer.toString(config.c2sPort())),
                        "the message names the taken port: " + output);
            } finally {
                launcher("stop", config.number(), config);
            }
        }
    }

    private static ProcessResult launcher(String command, int number) {
        return launcher(command, number, NodeConfig.shared().withNumber(number)
                .withDatabase(null));
    }

    private static ProcessResult launcher(String command, int number, NodeConfig config) {
        return Processes.run(List.of(Suite.home().resolve("bin/meerkat").toString(), command,
                "--node", Integer.toString(number)), config.environment(), Duration.ofMinutes(5));
    }
}
