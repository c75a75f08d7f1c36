package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Clients;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting an account deletes its vCard, private XML and last activity: an account created
 * again under the same name starts with none of them.
 */
class AccountDeletionIT {

    private static final String NS = "urn:example:meerkat-test:deleted";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void aRecreatedAccountInheritsNothing() throws Exception {
        Account dora = clients.newAccount("dora");
        XMPPTCPConnection first = clients.connect(dora, "desk");
        VCard vcard = new VCard();
        vcard.setFirstName("Dora");
        VCardManager.getInstanceFor(first).saveVCard(vcard);
        DefaultPrivateData data = new DefaultPrivateData("secret", NS);
        data.setValue("pin", "1234");
        PrivateDataManager.getInstanceFor(first).setPrivateData(data);
        first.disconnect();
        // the logout is recorded when the server has processed the end of the stream
        Await.until("dora's session to end", () -> clients.node().admin().sessionJids().stream()
                .noneMatch(j -> j.startsWith(dora.bare() + "/")), () -> clients.node().admin().sessionJids());

        clients.node().admin().unregister(dora.user(), dora.domain());
        clients.node().admin().register(dora.user(), dora.domain(), dora.password());

        XMPPTCPConnection other = clients.connect(clients.newAccount("eve"), "desk");
        assertNull(VCardManager.getInstanceFor(other).loadVCard(dora.jid()).getFirstName());
        XMPPErrorException none = assertThrows(XMPPErrorException.class,
                () -> LastActivityManager.getInstanceFor(other).getLastActivity(dora.jid()));
        assertEquals(StanzaError.Condition.item_not_found, none.getStanzaError().getCondition());

        XMPPTCPConnection again = clients.connect(dora, "desk");
        DefaultPrivateData read = (DefaultPrivateData) PrivateDataManager.getInstanceFor(again)
                .getPrivateData("secret", NS);
        assertNull(read.getValue("pin"));
    }
}
