package im.meerkat.testsuite.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Names;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.parts.Localpart;

/**
 * XEP-0077 in-band registration on the shared node, which runs with
 * {@code MEERKAT_REGISTRATION=true}: an unauthenticated client over TLS creates an account and
 * logs in with it.
 */
class InBandRegistrationIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void clientCreatesAnAccountAndLogsIn() throws Exception {
        String user = Names.unique("self");
        String password = Names.password();
        XMPPTCPConnection anonymous = clients.login("", "").connectWithoutLogin();
        AccountManager accounts = AccountManager.getInstance(anonymous);
        assertTrue(accounts.supportsAccountCreation(), "XEP-0077 offered");
        accounts.createAccount(Localpart.from(user), password);

        XMPPTCPConnection created = clients.login(user, password).mechanism("SCRAM-SHA-256")
                .connect();
        assertTrue(created.isAuthenticated());
    }

    @Test
    void takenNameIsConflict() throws Exception {
        Account taken = clients.newAccount("taken");
        XMPPTCPConnection anonymous = clients.login("", "").connectWithoutLogin();
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> AccountManager.getInstance(anonymous)
                        .createAccount(Localpart.from(taken.user()), Names.password()));
        // XEP-0077 §3.1: the username is taken: <conflict/>.
        assertEquals(StanzaError.Condition.conflict, refused.getStanzaError().getCondition());

        // The existing account keeps its password.
        assertTrue(clients.login(taken).connect().isAuthenticated());
    }
}
