package im.meerkat.testsuite.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.ProcessResult;
import java.util.List;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The archive's operations: purge with meerkatctl, and removal together with the account. */
class MamAdminIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private static void exchange(XMPPTCPConnection from, XMPPTCPConnection to, String body) {
        try (Inbox inbox = Inbox.messages(to, FromMatchesFilter.createFull(from.getUser()))) {
            Chat.send(from, to.getUser(), body);
            inbox.nextMessage(body);
        }
    }

    private static List<String> archive(XMPPTCPConnection connection) throws Exception {
        MamManager mam = MamManager.getInstanceFor(connection);
        assertTrue(mam.isSupported());
        return mam.queryArchive(MamQueryArgs.builder().build()).getMessages().stream()
                .map(Message::getBody).toList();
    }

    @Test
    void meerkatctlPurgesOneUsersArchive() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "phone");
        exchange(alice, bob, "one");
        exchange(alice, bob, "two");
        assertEquals(List.of("one", "two"), archive(alice));

        ProcessResult kept = clients.node().ctl().run("mam-purge",
                alice.getUser().asBareJid().toString(), "1");
        assertEquals(0, kept.exitCode(), kept.describe());
        assertEquals(List.of("one", "two"), archive(alice), "nothing is a day old");

        ProcessResult purged = clients.node().ctl().run("mam-purge",
                alice.getUser().asBareJid().toString());
        assertEquals(0, purged.exitCode(), purged.describe());
        assertTrue(purged.stdout().contains("deleted 2"), purged.describe());
        assertEquals(List.of(), archive(alice));
        assertEquals(List.of("one", "two"), archive(bob), "the other side keeps its copy");

        ProcessResult old = clients.node().ctl().run("mam-purge-older", "3650");
        assertEquals(0, old.exitCode(), old.describe());
        ProcessResult bad = clients.node().ctl().run("mam-purge-older", "-4");
        assertTrue(bad.exitCode() != 0, bad.describe());
    }

    @Test
    void deletingTheAccountDeletesItsArchive() throws Exception {
        Account aliceAccount = clients.newAccount("alice");
        XMPPTCPConnection alice = clients.connect(aliceAccount, "desk");
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "phone");
        exchange(alice, bob, "before");
        assertEquals(List.of("before"), archive(alice));
        alice.disconnect();

        ProcessResult gone = clients.node().ctl().run("unregister", aliceAccount.user(),
                aliceAccount.domain());
        assertEquals(0, gone.exitCode(), gone.describe());
        ProcessResult again = clients.node().ctl().run("register", aliceAccount.user(),
                aliceAccount.domain(), aliceAccount.password());
        assertEquals(0, again.exitCode(), again.describe());
        assertEquals(List.of(), archive(clients.connect(aliceAccount, "desk")));
    }
}
