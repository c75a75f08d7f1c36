package im.meerkat.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The replicated session table: value encoding, node-owned records, conditional writes. */
class SessionTableTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    private final SessionTable table = new SessionTable(map);

    private static SessionRecord record(String resource, String node, String channel) {
        return new SessionRecord(resource, new ChannelId(node, channel), "tcp", "192.0.2.1:5000",
                1_700_000_000_000L, false, 0);
    }

    @Test
    void valuesArePlainStringsThatRoundTrip() {
        SessionRecord odd = new SessionRecord("res with spaces/and/slashes %", new ChannelId(
                "node\t1", "ch\n%09"), "websocket", "[2001:db8::1]:443", 42, true, -128);
        table.put(ALICE, odd);
        table.put(ALICE, record("b", "node2", "x"));
        assertEquals(List.of(odd, record("b", "node2", "x")), table.sessions(ALICE));
        assertTrue(map.get("alice@example.org") instanceof String);
    }

    @Test
    void entriesAreKeyedByBareJidAndNameTheirNode() {
        table.put(ALICE.withResource("r"), record("r", "node7", "c1"));
        assertEquals("node7", table.session(ALICE.withResource("r")).orElseThrow().channel().node());
        assertEquals(List.of("alice@example.org"), List.copyOf(map.keySet()));
    }

    @Test
    void addIfAbsentRefusesATakenResource() {
        assertTrue(table.addIfAbsent(ALICE, record("r", "n", "c1")).isEmpty());
        assertEquals("c1", table.addIfAbsent(ALICE, record("r", "n", "c2")).orElseThrow()
                .channel().local());
        assertEquals(1, table.sessions(ALICE).size());
    }

    @Test
    void putReplacesTheHolderOfTheResource() {
        table.put(ALICE, record("r", "n", "c1"));
        assertEquals("c1", table.put(ALICE, record("r", "n", "c2")).orElseThrow().channel().local());
        assertEquals(List.of(record("r", "n", "c2")), table.sessions(ALICE));
    }

    @Test
    void removeTakesOnlyTheRecordOfThatStream() {
        table.put(ALICE, record("r", "n", "c2"));
        assertTrue(table.remove(ALICE, new ChannelId("n", "c1")).isEmpty());
        assertEquals(1, table.sessions(ALICE).size());
        assertTrue(table.remove(ALICE, new ChannelId("n", "c2")).isPresent());
        assertTrue(map.isEmpty(), "an account without sessions leaves no entry");
    }

    @Test
    void updateChangesPresenceOfOneStream() {
        table.put(ALICE, record("a", "n", "c1"));
        table.put(ALICE, record("b", "n", "c2"));
        Presence nine = Presence.builder().priority(9).build();
        assertTrue(table.update(ALICE, new ChannelId("n", "c2"), r -> r.withPresence(nine)));
        assertFalse(table.update(ALICE, new ChannelId("n", "zz"), r -> r.withPresence(nine)));
        assertEquals(List.of(false, true),
                table.sessions(ALICE).stream().map(SessionRecord::available).toList());
        assertEquals(9, table.session(ALICE.withResource("b")).orElseThrow().priority());
    }

    @Test
    void concurrentWritersToOneAccountLoseNothing() throws Exception {
        int writers = 8;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    table.addIfAbsent(ALICE, record("w" + id + "-" + i, "n", "c" + id + "-" + i));
                }
                for (int i = 0; i < each; i += 2) {
                    table.remove(ALICE, new ChannelId("n", "c" + id + "-" + i));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(writers * each / 2, table.sessions(ALICE).size());
    }

    @Test
    void allListsEverySessionByFullJid() {
        table.put(ALICE, record("b", "n", "c1"));
        table.put(Jid.of("bob@example.org"), record("a", "n2", "c2"));
        assertEquals(List.of("alice@example.org/b", "bob@example.org/a"),
                table.all().keySet().stream().map(Jid::toString).toList());
    }

    @Test
    void removeNodeDropsOnlyThatNodesRecords() {
        table.put(ALICE, record("a", "node1", "c1"));
        table.put(ALICE, record("b", "node2", "c2"));
        table.put(Jid.of("bob@example.org"), record("x", "node1", "c3"));
        assertEquals(List.of(ALICE.withResource("a"), Jid.of("bob@example.org/x")),
                table.removeNode("node1").stream().sorted().toList());
        assertEquals(List.of(record("b", "node2", "c2")), table.sessions(ALICE));
        assertEquals(List.of("alice@example.org"), List.copyOf(map.keySet()));
    }

    @Test
    void startingRegistryDropsItsNodesStaleRecords() {
        table.put(ALICE, record("old", "node1", "c1"));
        table.put(ALICE, record("peer", "node2", "c2"));
        SessionRegistry registry = new SessionRegistry(table, List.of(), "node1",
                java.time.Clock.systemUTC());
        registry.dropStaleRecords();
        assertEquals(List.of(record("peer", "node2", "c2")), table.sessions(ALICE));
    }

    @Test
    void carbonsAndCapsSurviveTheTableEncoding() {
        SessionRecord r = record("a", "n", "c%1\t").withCarbons(true)
                .withCaps("https://example.org/client#q07IKJEyjvHSyhy//CH0CxmKi8w=");
        assertEquals(List.of(r), SessionRecord.decodeAll(SessionRecord.encodeAll(List.of(r))));
        SessionRecord plain = record("b", "n", "c2");
        assertEquals(List.of(plain, r),
                SessionRecord.decodeAll(SessionRecord.encodeAll(List.of(plain, r))));
    }

    @Test
    void theLastPresenceSurvivesTheTableEncoding() { // RFC 6121 §4.2.3, §4.3.2
        Presence sent = presence("<presence id='p%1'><show>away</show>"
                + "<status>two\tlines\nand 100%</status><priority>-2</priority>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1'"
                + " node='urn:example:client' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>");
        SessionRecord r = record("a", "n", "c1").withPresence(sent.withTo(ALICE));
        assertTrue(r.available());
        assertEquals(-2, r.priority());
        List<SessionRecord> decoded = SessionRecord.decodeAll(SessionRecord.encodeAll(
                List.of(r, record("b", "n", "c2"))));
        assertEquals(List.of(r, record("b", "n", "c2")), decoded);
        Presence last = decoded.get(0).lastPresence(ALICE.withResource("a"));
        assertEquals(sent.withFrom(ALICE.withResource("a")).element(), last.element());
        assertEquals(null, last.to());

        SessionRecord gone = r.withPresence(null);
        assertFalse(gone.available());
        assertEquals(-2, gone.priority());
        assertEquals("", gone.presence());
    }

    @Test
    void recordsOfOlderAndLaterNodesAreRead() {
        // ten fields: a node from before the recorded presence, in a rolling upgrade
        SessionRecord older = SessionRecord.decodeAll(
                "a\tn\tc1\ttcp\t-\t1\t1\t5\t0\t").get(0);
        assertTrue(older.available());
        assertEquals("", older.presence());
        Presence rebuilt = older.lastPresence(ALICE.withResource("a"));
        assertEquals(ALICE.withResource("a"), rebuilt.from());
        assertEquals(5, rebuilt.priority());
        assertEquals(Presence.Type.AVAILABLE, rebuilt.type());
        // a field more: a later node; what this node knows is read
        assertEquals(older, SessionRecord.decodeAll(
                "a\tn\tc1\ttcp\t-\t1\t1\t5\t0\t\t\tlater").get(0));
    }

    @Test
    void aLargePresenceIsRecordedWithinTheLimitShowAndPriorityFirst() {
        String big = "x".repeat(RecordedPresence.MAX_CHARS);
        Presence sent = presence("<presence><status>" + big + "</status><show>chat</show>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='urn:example:c'"
                + " ver='QgayPKawpkPSDYmwT/WM94uAlu0='/><priority>1</priority></presence>");
        SessionRecord r = record("a", "n", "c1").withPresence(sent);
        assertTrue(r.presence().length() <= RecordedPresence.MAX_CHARS, r.presence());
        assertEquals(List.of("show", "c", "priority"), r.lastPresence(ALICE.withResource("a"))
                .element().elements().stream().map(e -> e.localName()).toList());
        assertEquals(1, r.priority());
    }

    private static Presence presence(String xml) {
        try {
            return (Presence) Stanza.of(new XmlDocumentParser(ParserLimits.DEFAULT).parse(
                    xml.replaceFirst("<presence", "<presence xmlns='jabber:client'")));
        } catch (StreamErrorException | StanzaErrorException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }
}
