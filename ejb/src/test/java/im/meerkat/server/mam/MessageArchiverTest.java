package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.FakeAccountStore;
import im.meerkat.server.routing.MessageRouting;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the archive takes from routed messages: both sides' copies, the recipient's archive id as
 * the delivered stanza-id (XEP-0359), forged stanza-ids removed, preferences and hints obeyed.
 */
class MessageArchiverTest {

    private static final Jid ALICE = Jid.of("alice@example.org/laptop");
    private static final String BOB = "bob@example.org";

    private MamDatabase db;
    private ArchiveWriter writer;
    private ArchivePolicy policy;
    private MessageArchiver archiver;
    private ArchiveStore store;

    @BeforeEach
    void open() throws Exception {
        db = new MamDatabase();
        MamSettings settings = new MamSettings(Map.<String, String>of()::get);
        writer = new ArchiveWriter(settings, db.dataSource, Thread::new);
        // bob has alice in his roster; alice has no one
        policy = new ArchivePolicy(new PrefsStore(db.em), settings,
                (owner, peer) -> owner.equals(BOB) && peer.equals("alice@example.org"));
        FakeAccountStore accounts = new FakeAccountStore();
        accounts.create(ALICE.bare(), "pw");
        accounts.create(Jid.of(BOB), "pw");
        archiver = new MessageArchiver(writer, policy, accounts, new ArchiveIds(5));
        store = new ArchiveStore(db.dataSource);
    }

    @AfterEach
    void close() {
        writer.stop();
        db.close();
    }

    private MessageRouting route(String xml) throws Exception {
        Message m = (Message) Stanza.of(Xml.parse(xml)).withFrom(ALICE);
        MessageRouting event = new MessageRouting(ALICE, m);
        archiver.routing(event);
        writer.awaitWritten(5000);
        return event;
    }

    private List<ArchiveStore.Stored> archive(String owner) throws Exception {
        return store.query(new ArchiveQuery(owner, null, null, null, null, null, null, null, 100,
                false)).items();
    }

    private static List<Element> stanzaIds(Message m) {
        return m.element().children(StanzaIds.STANZA_ID);
    }

    @Test
    void bothSidesKeepACopyAndTheDeliveredMessageCarriesTheRecipientsId() throws Exception {
        MessageRouting event = route("<message to='bob@example.org' type='chat'>"
                + "<body>hi</body><stanza-id xmlns='urn:xmpp:sid:0' by='bob@example.org' id='forged'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' by='room@muc.example.org' id='kept'/></message>");
        List<Element> ids = stanzaIds(event.message());
        assertEquals(2, ids.size(), event.message()::toString);
        assertEquals("kept", ids.get(0).attribute("id"));
        assertEquals(BOB, ids.get(1).attribute("by"));
        List<ArchiveStore.Stored> bobs = archive(BOB);
        assertEquals(1, bobs.size());
        assertEquals(Long.toString(bobs.get(0).id()), ids.get(1).attribute("id"));
        assertTrue(bobs.get(0).xml().contains(ids.get(1).attribute("id")));
        List<ArchiveStore.Stored> alices = archive("alice@example.org");
        assertEquals(1, alices.size());
        assertFalse(alices.get(0).xml().contains("forged"));
        assertTrue(alices.get(0).xml().contains("<body>hi</body>"));
    }

    @Test
    void preferencesDecidePerOwner() throws Exception {
        policy.save(BOB, new Prefs(Prefs.Mode.NEVER, Set.of(), Set.of()));
        MessageRouting event = route("<message to='bob@example.org/x'><body>hi</body></message>");
        assertTrue(stanzaIds(event.message()).isEmpty());
        assertTrue(archive(BOB).isEmpty());
        assertEquals(1, archive("alice@example.org").size());

        policy.save(BOB, new Prefs(Prefs.Mode.NEVER, Set.of("alice@example.org"), Set.of()));
        policy.save("alice@example.org", new Prefs(Prefs.Mode.ALWAYS, Set.of(), Set.of(BOB)));
        route("<message to='bob@example.org'><body>again</body></message>");
        assertEquals(1, archive(BOB).size());
        assertEquals(1, archive("alice@example.org").size());
    }

    @Test
    void rosterModeArchivesMessagesWithContactsOnly() throws Exception {
        // XEP-0313 §6.1: "roster" - messages with JIDs in the user's roster
        policy.save(BOB, new Prefs(Prefs.Mode.ROSTER, Set.of(), Set.of()));
        policy.save("alice@example.org", new Prefs(Prefs.Mode.ROSTER, Set.of(), Set.of()));
        route("<message to='bob@example.org' type='chat'><body>hi</body></message>");
        assertEquals(1, archive(BOB).size());
        assertTrue(archive("alice@example.org").isEmpty());
    }

    @Test
    void onlyMessagesWithContentAreArchived() throws Exception {
        for (String xml : List.of("<message to='bob@example.org' type='headline'><body>h</body></message>",
                "<message to='bob@example.org' type='groupchat'><body>g</body></message>",
                "<message to='bob@example.org' type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/></message>",
                "<message to='bob@example.org' type='chat'><body>x</body><no-store xmlns='urn:xmpp:hints'/></message>")) {
            MessageRouting event = route(xml);
            assertTrue(stanzaIds(event.message()).isEmpty(), xml);
        }
        assertTrue(archive(BOB).isEmpty());
        route("<message to='bob@example.org' type='chat'><store xmlns='urn:xmpp:hints'/></message>");
        assertEquals(1, archive(BOB).size());
    }

    @Test
    void aMessageToNoAccountIsNotArchivedAndAMessageToSelfOnce() throws Exception {
        MessageRouting event = route("<message to='nobody@example.org'><body>?</body></message>");
        assertTrue(stanzaIds(event.message()).isEmpty());
        assertTrue(archive("alice@example.org").isEmpty(), "it bounces: not kept");
        MessageRouting self = route("<message to='alice@example.org'><body>note</body></message>");
        assertEquals(1, archive("alice@example.org").size());
        assertEquals(1, stanzaIds(self.message()).size());
    }
}
