package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqlast.packet.LastActivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Last Activity (XEP-0012) through Smack's {@link LastActivityManager}. Without rosters every
 * local user may query every other (docs/FEATURES.md).
 */
class LastActivityIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void theServerReportsItsUptime() throws Exception { // XEP-0012 §5
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        LastActivityManager manager = LastActivityManager.getInstanceFor(alice);
        assertTrue(manager.isLastActivitySupported(alice.getXMPPServiceDomain()));
        LastActivity uptime = manager.getLastActivity(alice.getXMPPServiceDomain());
        // The node started before this test; the suite runs for minutes, not days.
        assertTrue(uptime.getIdleTime() > 0 && uptime.getIdleTime() < 86_400,
                "uptime " + uptime.getIdleTime());
    }

    @Test
    void anOfflineUsersLastLogoutIsReported() throws Exception { // §3
        Account bob = clients.newAccount("bob");
        clients.connect(bob, "phone").disconnect();
        Thread.sleep(2_100);

        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        LastActivity last = LastActivityManager.getInstanceFor(alice).getLastActivity(bob.jid());
        assertTrue(last.getIdleTime() >= 2 && last.getIdleTime() < 120,
                "seconds since bob left: " + last.getIdleTime());
        assertEquals(bob.jid(), last.getFrom(), "answered for bob's bare JID");
    }

    @Test
    void anAvailableUserIsActiveNow() throws Exception { // §3
        Account bob = clients.newAccount("bob");
        clients.connect(bob, "phone").disconnect();
        XMPPTCPConnection bobAgain = clients.connect(bob, "laptop");
        bobAgain.sendStanza(bobAgain.getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available).build());
        Thread.sleep(1_100);

        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        assertEquals(0, LastActivityManager.getInstanceFor(alice).getLastActivity(bob.jid())
                .getIdleTime());
    }

    @Test
    void aUserWhoNeverLoggedInHasNoLastActivity() throws Exception {
        Account carol = clients.newAccount("carol");
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> LastActivityManager.getInstanceFor(alice).getLastActivity(carol.jid()));
        assertEquals(StanzaError.Condition.item_not_found,
                refused.getStanzaError().getCondition());
    }
}
