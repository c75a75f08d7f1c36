package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.NodeConfig;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** vCard-temp (XEP-0054) through Smack's {@link VCardManager}. */
class VCardIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private static VCard card(String first, String last, String nick) {
        VCard vcard = new VCard();
        vcard.setFirstName(first);
        vcard.setLastName(last);
        vcard.setNickName(nick);
        vcard.setEmailHome(first.toLowerCase() + "@example.net");
        return vcard;
    }

    @Test
    void ownVCardIsStoredAndReturned() throws Exception { // XEP-0054 §3.3, §3.1
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        VCardManager vcards = VCardManager.getInstanceFor(alice);
        vcards.saveVCard(card("Alice", "Liddell", "al <&> co"));

        VCard loaded = vcards.loadVCard();
        assertEquals("Alice", loaded.getFirstName());
        assertEquals("Liddell", loaded.getLastName());
        assertEquals("al <&> co", loaded.getNickName());
        assertEquals("alice@example.net", loaded.getEmailHome());
    }

    @Test
    void userWithoutVCardHasAnEmptyOne() throws Exception { // §3.1
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        VCard loaded = VCardManager.getInstanceFor(alice).loadVCard(bob.jid());
        assertNull(loaded.getFirstName());
        assertNull(loaded.getNickName());
        assertEquals(IQ.Type.result, loaded.getType());
    }

    @Test
    void anotherUsersVCardIsAnsweredByTheServerEvenWhenTheyAreOffline() throws Exception { // §3.2
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection aliceConnection = clients.connect(alice, "desk");
        VCardManager.getInstanceFor(aliceConnection).saveVCard(card("Alice", "Liddell", "al"));
        aliceConnection.disconnect();

        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "desk");
        VCard loaded = VCardManager.getInstanceFor(bob).loadVCard(alice.jid());
        assertEquals("Alice", loaded.getFirstName());
        assertEquals(alice.jid(), loaded.getFrom());
    }

    @Test
    void settingAnotherUsersVCardIsForbidden() throws Exception {
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection aliceConnection = clients.connect(alice, "desk");
        VCardManager.getInstanceFor(aliceConnection).saveVCard(card("Alice", "Liddell", "al"));

        XMPPTCPConnection mallory = clients.connect(clients.newAccount("mallory"), "desk");
        VCard forged = card("Mallory", "Evil", "not alice");
        forged.setType(IQ.Type.set);
        forged.setTo(alice.jid());
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> mallory.sendIqRequestAndWaitForResponse(forged));
        assertEquals(StanzaError.Condition.forbidden, refused.getStanzaError().getCondition());
        assertEquals("Alice", VCardManager.getInstanceFor(aliceConnection).loadVCard()
                .getFirstName());
    }

    @Test
    void vCardOverTheLimitIsNotAcceptableAndKeepsTheOldOne() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        VCardManager vcards = VCardManager.getInstanceFor(alice);
        vcards.saveVCard(card("Alice", "Liddell", "al"));

        VCard big = card("Big", "Card", "big");
        big.setField("DESC", "x".repeat(NodeConfig.STORAGE_MAX_BYTES));
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> vcards.saveVCard(big));
        assertEquals(StanzaError.Condition.not_acceptable,
                refused.getStanzaError().getCondition());
        assertEquals("Alice", vcards.loadVCard().getFirstName());
    }

    @Test
    void theServerAdvertisesVCardTemp() throws Exception { // XEP-0054 §2, via XEP-0030
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        assertTrue(VCardManager.getInstanceFor(alice).isSupported(alice.getXMPPServiceDomain()));
    }
}
