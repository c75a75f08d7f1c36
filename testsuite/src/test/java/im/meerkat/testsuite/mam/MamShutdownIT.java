package im.meerkat.testsuite.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.ProcessResult;
import im.meerkat.testsuite.harness.Suite;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Architecture invariant 9 for the archive: what was routed before a clean stop is in the
 * archive after the restart. A node of its own (the next free number after the shared one),
 * stopped and started again with its directory kept; its database is H2 in that directory, or
 * with {@code MEERKAT_TEST_DB=postgres} the PostgreSQL database {@code meerkat_mam_it}.
 */
class MamShutdownIT {

    private static final int MESSAGES = 500;
    private static MeerkatNode node;

    @RegisterExtension
    final Clients clients = Clients.on(() -> node);

    @BeforeAll
    static void start() {
        int number = MeerkatNode.freeNumber(Suite.sharedNode() + 1);
        node = MeerkatNode.start(NodeConfig.shared().withNumber(number)
                .withDatabase(Suite.postgres() ? "meerkat_mam_it_" + Suite.sharedNode() : null));
    }

    @AfterAll
    static void stop() {
        if (node != null && node.running()) {
            node.close();
        } else if (node != null) {
            node.launcherCommand("stop");
        }
    }

    private static long archived(XMPPTCPConnection connection) throws Exception {
        MamManager mam = MamManager.getInstanceFor(connection);
        assertTrue(mam.isSupported());
        return mam.queryArchive(MamQueryArgs.builder().setResultPageSizeTo(1).build()).getPage()
                .getMamFinIq().getRSMSet().getCount();
    }

    @Test
    void messagesRoutedBeforeACleanStopAreArchivedAfterTheRestart() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection b = clients.connect(bob, "phone");
        try (Inbox inbox = Inbox.messages(b, FromMatchesFilter.createFull(a.getUser()))) {
            for (int i = 0; i < MESSAGES; i++) {
                Chat.send(a, b.getUser(), "m" + i);
            }
            for (int i = 0; i < MESSAGES; i++) {
                inbox.nextMessage("message " + i);
            }
        }
        node.close(); // at once: rows may still wait in the writer's queue

        ProcessResult restarted = node.launcherCommand("start");
        assertEquals(0, restarted.exitCode(), restarted.describe());
        assertEquals(MESSAGES, archived(clients.connect(alice, "desk")));
        assertEquals(MESSAGES, archived(clients.connect(bob, "phone")));
    }
}
