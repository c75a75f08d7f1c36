package im.meerkat.testsuite.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.Names;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.Suite;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.parts.Localpart;

/**
 * XEP-0077 switched off: a second node, number {@link Suite#sharedNode()} + 1 (or the next
 * whose ports are free), started for this class only with {@code MEERKAT_REGISTRATION=false} (and its own H2 database: it only checks the
 * switch), refuses in-band registration while accounts made by an administrator still work.
 */
class RegistrationDisabledIT {

    private static MeerkatNode node;

    @RegisterExtension
    final Clients clients = Clients.on(() -> node);

    @BeforeAll
    static void start() {
        int number = MeerkatNode.freeNumber(Suite.sharedNode() + 1);
        node = MeerkatNode.start(NodeConfig.shared().withNumber(number)
                .withRegistration(false).withDatabase(null));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void registrationIsRefused() throws Exception {
        XMPPTCPConnection anonymous = clients.login("", "").connectWithoutLogin();
        assertFalse(anonymous.hasFeature("register", "http://jabber.org/features/iq-register"),
                "no XEP-0077 stream feature while registration is off");

        AccountManager accounts = AccountManager.getInstance(anonymous);
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                accounts::getRegistrationInfo);
        // XEP-0077 §3.1: a host without in-band registration returns <service-unavailable/>.
        assertEquals(StanzaError.Condition.service_unavailable,
                refused.getStanzaError().getCondition());

        String user = Names.unique("uninvited");
        String password = Names.password();
        assertThrows(XMPPErrorException.class,
                () -> accounts.createAccount(Localpart.from(user), password));
        assertThrows(SASLErrorException.class,
                () -> clients.login(user, password).connectOrThrow(), "no account was made");
    }

    @Test
    void accountsFromTheAdministratorStillWork() {
        assertTrue(clients.connect(clients.newAccount("invited"), "desk").isAuthenticated());
    }
}
