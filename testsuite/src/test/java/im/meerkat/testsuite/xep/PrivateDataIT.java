package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.NodeConfig;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.iqprivate.packet.PrivateDataIQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Private XML Storage (XEP-0049) through Smack's {@link PrivateDataManager}. */
class PrivateDataIT {

    private static final String NS = "urn:example:meerkat-test:prefs";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private static DefaultPrivateData prefs(String color) {
        DefaultPrivateData data = new DefaultPrivateData("prefs", NS);
        data.setValue("color", color);
        return data;
    }

    private static DefaultPrivateData read(PrivateDataManager manager, String element, String ns)
            throws Exception {
        return assertInstanceOf(DefaultPrivateData.class, manager.getPrivateData(element, ns));
    }

    @Test
    void storedDataIsReturnedAndReplaced() throws Exception { // XEP-0049 §2.2, §2.3
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        PrivateDataManager manager = PrivateDataManager.getInstanceFor(alice);
        assertTrue(manager.isSupported());
        manager.setPrivateData(prefs("green"));
        assertEquals("green", read(manager, "prefs", NS).getValue("color"));
        manager.setPrivateData(prefs("red"));
        assertEquals("red", read(manager, "prefs", NS).getValue("color"));
    }

    @Test
    void dataIsKeptAcrossSessionsAndApartPerUser() throws Exception {
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection first = clients.connect(alice, "desk");
        PrivateDataManager.getInstanceFor(first).setPrivateData(prefs("blue"));
        first.disconnect();

        XMPPTCPConnection again = clients.connect(alice, "laptop");
        assertEquals("blue", read(PrivateDataManager.getInstanceFor(again), "prefs", NS)
                .getValue("color"));
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "desk");
        assertNull(read(PrivateDataManager.getInstanceFor(bob), "prefs", NS).getValue("color"),
                "§2.3: nothing stored gives the empty element");
    }

    @Test
    void reservedNamespacesAreNotAcceptable() throws Exception { // §3
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        PrivateDataManager manager = PrivateDataManager.getInstanceFor(alice);
        for (String ns : new String[] {"jabber:client", "jabber:server", "jabber:iq:private"}) {
            DefaultPrivateData data = new DefaultPrivateData("data", ns);
            data.setValue("v", "1");
            XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                    () -> manager.setPrivateData(data), ns);
            assertEquals(StanzaError.Condition.not_acceptable,
                    refused.getStanzaError().getCondition(), ns);
        }
    }

    @Test
    void anotherUsersStorageIsForbidden() throws Exception { // §3
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection aliceConnection = clients.connect(alice, "desk");
        PrivateDataManager.getInstanceFor(aliceConnection).setPrivateData(prefs("green"));

        XMPPTCPConnection mallory = clients.connect(clients.newAccount("mallory"), "desk");
        PrivateDataIQ get = new PrivateDataIQ("prefs", NS);
        get.setTo(alice.jid());
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> mallory.sendIqRequestAndWaitForResponse(get));
        assertEquals(StanzaError.Condition.forbidden, refused.getStanzaError().getCondition());

        PrivateDataIQ set = new PrivateDataIQ(prefs("black"));
        set.setTo(alice.jid());
        refused = assertThrows(XMPPErrorException.class,
                () -> mallory.sendIqRequestAndWaitForResponse(set));
        assertEquals(StanzaError.Condition.forbidden, refused.getStanzaError().getCondition());
        assertEquals("green", read(PrivateDataManager.getInstanceFor(aliceConnection), "prefs",
                NS).getValue("color"));
    }

    @Test
    void dataOverTheLimitIsNotAcceptable() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        PrivateDataManager manager = PrivateDataManager.getInstanceFor(alice);
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> manager.setPrivateData(prefs("x".repeat(NodeConfig.STORAGE_MAX_BYTES))));
        assertEquals(StanzaError.Condition.not_acceptable,
                refused.getStanzaError().getCondition());
        assertNull(read(manager, "prefs", NS).getValue("color"));
    }
}
