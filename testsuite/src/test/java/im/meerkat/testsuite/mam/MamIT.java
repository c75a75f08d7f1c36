package im.meerkat.testsuite.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ.DefaultBehavior;
import org.jivesoftware.smackx.mam.element.MamVersion;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jivesoftware.smackx.xdata.FormField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/**
 * The message archive as a client sees it (XEP-0313 §4, §6) and the stanza-ids of live
 * messages (XEP-0359): every message between two local users lands in both archives, pages
 * forwards and backwards, filters by correspondent, counts, and obeys preferences.
 */
class MamIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    /** Sends the bodies from {@code from} to {@code to}'s full JID and waits for them there. */
    private static List<Message> exchange(XMPPTCPConnection from, XMPPTCPConnection to,
            List<String> bodies) {
        try (Inbox inbox = Inbox.messages(to, FromMatchesFilter.createFull(from.getUser()))) {
            bodies.forEach(b -> Chat.send(from, to.getUser(), b));
            return bodies.stream().map(b -> inbox.nextMessage("message " + b)).toList();
        }
    }

    /** The manager of a connection, once it has found the archive (which sets its version). */
    private static MamManager mam(XMPPTCPConnection connection) throws Exception {
        MamManager manager = MamManager.getInstanceFor(connection);
        assertTrue(manager.isSupported(), "disco#info on the own bare JID lists urn:xmpp:mam:2");
        return manager;
    }

    /** Sets preferences with a plain IQ: Smack's MamPrefs cannot be built from a result. */
    private static MamPrefsIQ setPrefs(XMPPTCPConnection connection, DefaultBehavior behavior,
            List<Jid> always) throws Exception {
        MamPrefsIQ set = new MamPrefsIQ(MamVersion.MAM2, always, List.of(), behavior);
        set.setType(IQ.Type.set);
        return connection.sendIqRequestAndWaitForResponse(set);
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).toList();
    }

    private static List<String> numbered(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void liveMessagesCarryTheStanzaIdOfTheRecipientsArchive() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        Account bobAccount = clients.newAccount("bob");
        XMPPTCPConnection bob = clients.connect(bobAccount, "phone");
        MamManager bobs = mam(bob);

        Message got = exchange(alice, bob, List.of("hello")).get(0);
        StanzaIdElement sid = StanzaIdElement.getStanzaId(got);
        assertNotNull(sid, () -> got.toXML().toString());
        assertEquals(bobAccount.bare(), sid.getBy());

        MamQuery page = bobs.queryMostRecentPage(alice.getUser().asBareJid(), 10);
        assertEquals(List.of("hello"), bodies(page.getMessages()));
        MamResultExtension result = page.getMamResultExtensions().get(0);
        assertEquals(sid.getId(), result.getId());
        assertNotNull(result.getForwarded().getDelayInformation());
        assertEquals(sid.getId(), bobs.getMessageUidOfLatestMessage());
        // the sender's copy has an id of its own
        assertFalse(sid.getId().equals(mam(alice).getMessageUidOfLatestMessage()));
    }

    @Test
    void pagesForwardsAndBackwards() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "phone");
        exchange(alice, bob, numbered(0, 25));
        MamManager mam = mam(alice);

        MamQuery forwards = mam.queryArchive(MamQueryArgs.builder().setResultPageSizeTo(10).build());
        assertEquals(numbered(0, 10), bodies(forwards.getMessages()));
        assertFalse(forwards.isComplete());
        assertEquals(25, forwards.getPage().getMamFinIq().getRSMSet().getCount());
        assertEquals(numbered(10, 20), bodies(forwards.pageNext(10)));
        assertEquals(numbered(20, 25), bodies(forwards.pageNext(10)));
        assertTrue(forwards.isComplete());

        MamQuery backwards = mam.queryArchive(MamQueryArgs.builder().setResultPageSizeTo(10)
                .queryLastPage().build());
        assertEquals(numbered(15, 25), bodies(backwards.getMessages()));
        assertEquals(15, backwards.getPage().getMamFinIq().getRSMSet().getFirstIndex());
        assertEquals(numbered(5, 15), bodies(backwards.pagePrevious(10)));
        assertEquals(numbered(0, 5), bodies(backwards.pagePrevious(10)));
        assertTrue(backwards.isComplete());
    }

    @Test
    void withLimitsTheResultsToOneCorrespondentAndCountsThem() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "phone");
        XMPPTCPConnection carol = clients.connect(clients.newAccount("carol"), "tablet");
        exchange(alice, bob, List.of("b1", "b2", "b3"));
        exchange(alice, carol, List.of("c1", "c2"));
        exchange(carol, alice, List.of("c3"));
        MamManager mam = mam(alice);

        MamQuery withCarol = mam.queryArchive(MamQueryArgs.builder()
                .limitResultsToJid(carol.getUser().asBareJid()).build());
        assertEquals(List.of("c1", "c2", "c3"), bodies(withCarol.getMessages()));
        assertTrue(withCarol.isComplete());
        MamQuery count = mam.queryArchive(MamQueryArgs.builder()
                .limitResultsToJid(bob.getUser().asBareJid()).setResultPageSizeTo(1).build());
        assertEquals(List.of("b1"), bodies(count.getMessages()));
        assertFalse(count.isComplete());
        assertEquals(3, count.getPage().getMamFinIq().getRSMSet().getCount());
    }

    @Test
    void theArchiveIsVisibleFromAnotherResource() throws Exception {
        Account aliceAccount = clients.newAccount("alice");
        XMPPTCPConnection desk = clients.connect(aliceAccount, "desk");
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "phone");
        exchange(desk, bob, List.of("from the desk"));
        exchange(bob, desk, List.of("to the desk"));
        XMPPTCPConnection laptop = clients.connect(aliceAccount, "laptop");
        MamQuery page = mam(laptop).queryArchive(MamQueryArgs.builder().build());
        assertEquals(List.of("from the desk", "to the desk"), bodies(page.getMessages()));
    }

    @Test
    void preferencesDecideWhatIsArchived() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "phone");
        MamManager bobs = mam(bob);
        assertEquals(DefaultBehavior.always, bobs.retrieveArchivingPreferences().mamPrefs.getDefault());

        assertEquals(DefaultBehavior.never, setPrefs(bob, DefaultBehavior.never, List.of())
                .getDefault());
        assertEquals(DefaultBehavior.never, bobs.retrieveArchivingPreferences().mamPrefs.getDefault());
        Message got = exchange(alice, bob, List.of("not kept")).get(0);
        assertNull(StanzaIdElement.getStanzaId(got), "nothing archived, no stanza-id");
        assertTrue(bobs.queryArchive(MamQueryArgs.builder().build()).getMessages().isEmpty());
        assertEquals(List.of("not kept"), bodies(mam(alice)
                .queryArchive(MamQueryArgs.builder().build()).getMessages()), "the sender's copy");

        MamPrefsIQ stored = setPrefs(bob, DefaultBehavior.never, List.of(alice.getUser().asBareJid()));
        assertEquals(List.of(alice.getUser().asBareJid()), stored.getAlwaysJids());
        exchange(alice, bob, List.of("kept"));
        assertEquals(List.of("kept"), bodies(bobs.queryArchive(MamQueryArgs.builder().build())
                .getMessages()));
    }

    @Test
    void unknownFieldsAndUnknownIdsAreRefused() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        MamManager mam = mam(alice);
        XMPPErrorException bad = assertThrows(XMPPErrorException.class, () -> mam.queryArchive(
                MamQueryArgs.builder().withAdditionalFormField(FormField.textSingleBuilder("subject")
                        .setValue("x").build()).build()));
        assertEquals(StanzaError.Condition.bad_request, bad.getStanzaError().getCondition());
        XMPPErrorException missing = assertThrows(XMPPErrorException.class, () -> mam.queryArchive(
                MamQueryArgs.builder().afterUid("12345").build()));
        assertEquals(StanzaError.Condition.item_not_found, missing.getStanzaError().getCondition());
        assertTrue(mam.retrieveFormFields().stream().anyMatch(f -> f.getFieldName().equals("with")));
    }
}
