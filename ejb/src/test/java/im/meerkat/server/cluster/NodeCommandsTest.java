package im.meerkat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.xml.Element;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a node does with the commands of other nodes (architecture invariant 7): stanzas and
 * stream errors cross as XML text and arrive equal to what was sent.
 */
class NodeCommandsTest {

    private static final String MESSAGE = "<message xmlns='jabber:client' type='chat'"
            + " to='alice@example.org/desk' from='bob@example.org/x'>"
            + "<body>1 &lt; 2 &amp; 'q'</body><x xmlns='urn:example'/></message>";

    private final ClusterFixture f = new ClusterFixture();
    private final NodeCommands node = new NodeCommands(f.registry, "127.0.0.1:5222");

    @Test
    void aStanzaCrossesAsTextAndIsWrittenUnchanged() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        f.bind("desk", desk);
        Element original = NodeCommands.parse(MESSAGE);
        DeliverCommand command = new DeliverCommand("c1", NodeCommands.toXml(original));

        assertTrue(command.execute(node));

        assertEquals(1, desk.sent().size());
        assertEquals(original, desk.sent().get(0));
        assertEquals(original, NodeCommands.parse(NodeCommands.toXml(original)));
    }

    @Test
    void storedMessagesAreWrittenForASessionOfThisNodeOnly() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        f.bind("desk", desk);
        java.util.List<String> delivered = new java.util.ArrayList<>();

        assertFalse(new DeliverStoredCommand("c1").execute(node), "nothing stores messages yet");
        node.useStoredDelivery(s -> delivered.add(s.jid().toString()));
        assertTrue(new DeliverStoredCommand("c1").execute(node));
        assertFalse(new DeliverStoredCommand("c9").execute(node));

        assertEquals(java.util.List.of(ClusterFixture.ALICE.withResource("desk").toString()),
                delivered);
    }

    @Test
    void aRosterPushIsWrittenOnlyToInterestedSessions() throws Exception { // RFC 6121 §2.1.6
        FakeChannel desk = new FakeChannel("node1", "c1");
        FakeChannel phone = new FakeChannel("node1", "c2");
        f.bind("desk", desk).rosterRequested();
        f.bind("phone", phone);
        String push = "<iq xmlns='jabber:client' type='set' id='p1' to='alice@example.org/desk'>"
                + "<query xmlns='jabber:iq:roster'><item jid='bob@example.org'"
                + " subscription='from'/></query></iq>";

        assertTrue(new DeliverToInterestedCommand(targets("c1", push, "c2", push, "c9", push))
                .execute(node));
        assertFalse(new DeliverToInterestedCommand(targets("c2", push, "c9", push))
                .execute(node), "neither interested nor present");

        assertEquals(java.util.List.of(NodeCommands.parse(push)), desk.sent());
        assertTrue(phone.sent().isEmpty());
    }

    private static java.util.ArrayList<DeliverToInterestedCommand.Target> targets(
            String... channelAndStanza) {
        java.util.ArrayList<DeliverToInterestedCommand.Target> result = new java.util.ArrayList<>();
        for (int i = 0; i < channelAndStanza.length; i += 2) {
            result.add(new DeliverToInterestedCommand.Target(channelAndStanza[i],
                    channelAndStanza[i + 1]));
        }
        return result;
    }

    @Test
    void aSessionThatIsGoneAnswersFalse() throws Exception {
        assertFalse(new DeliverCommand("c9", MESSAGE).execute(node));
        assertFalse(new EndSessionCommand("c9", NodeCommands.toXml(
                StreamError.of(StreamErrorCondition.CONFLICT).toElement())).execute(node));
    }

    @Test
    void aStanzaThatDoesNotParseIsDroppedAndTheSessionStays() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        f.bind("desk", desk);
        assertFalse(new DeliverCommand("c1", "<message").execute(node));
        assertTrue(desk.sent().isEmpty());
        assertFalse(desk.closed());
    }

    @Test
    void endingASessionClosesItsStreamWithTheErrorSent() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        f.bind("desk", desk);
        String error = NodeCommands.toXml(StreamError.of(StreamErrorCondition.CONFLICT,
                "another session bound this resource").toElement());

        assertTrue(new EndSessionCommand("c1", error).execute(node));

        assertTrue(desk.closed());
        assertEquals(StreamErrorCondition.CONFLICT, desk.closedWith().condition());
        assertNull(f.registry.session(new ChannelId("node1", "c1")));
        assertTrue(f.table.sessions(ClusterFixture.ALICE).isEmpty());
    }

    @Test
    void afterAMergeTheSessionBoundEarlierEndsWithConflictOnItsNode() throws Exception {
        // RFC 6120 §7.7.2.2: the later bind keeps the full JID, on whichever node it is
        FakeChannel desk = new FakeChannel("node1", "c1");
        LocalSession older = f.bind("desk", desk);
        SessionRecord mine = f.table.session(older.jid()).orElseThrow();
        SessionRecord newer = new SessionRecord("desk", new ChannelId("node2", "s1"), "tcp", "-",
                mine.since() + 1, true, 0);

        ArrayList<HeldSessionsCommand.Held> staying = new HeldSessionsCommand(
                held(older.jid().toString(), newer), "node2", 1).execute(node);

        assertTrue(staying.isEmpty());
        assertEquals(StreamErrorCondition.CONFLICT, desk.closedWith().condition());
        assertNull(f.registry.local(older.jid()));
        assertTrue(f.table.sessions(ClusterFixture.ALICE).isEmpty());
    }

    @Test
    void afterAMergeTheSessionBoundLaterStaysAndIsNamedInTheAnswer() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        LocalSession newer = f.bind("desk", desk);
        SessionRecord mine = f.table.session(newer.jid()).orElseThrow();
        SessionRecord older = new SessionRecord("desk", new ChannelId("node2", "s1"), "tcp", "-",
                mine.since() - 1, true, 0);
        SessionRecord elsewhere = new SessionRecord("phone", new ChannelId("node2", "s2"), "tcp",
                "-", mine.since() - 1, true, 0);

        ArrayList<HeldSessionsCommand.Held> command = held(newer.jid().toString(), older);
        command.addAll(held(ClusterFixture.ALICE.withResource("phone").toString(), elsewhere));
        ArrayList<HeldSessionsCommand.Held> staying = new HeldSessionsCommand(command, "node2", 1)
                .execute(node);

        assertEquals(held(newer.jid().toString(), mine), staying);
        assertEquals(mine, SessionRecord.decode(staying.get(0).record()));
        assertFalse(desk.closed());
        assertEquals(newer, f.registry.local(newer.jid()));
    }

    private static ArrayList<HeldSessionsCommand.Held> held(String jid, SessionRecord record) {
        ArrayList<HeldSessionsCommand.Held> result = new ArrayList<>();
        result.add(new HeldSessionsCommand.Held(jid, record.encode()));
        return result;
    }

    @Test
    void commandsAreSerializableWithoutApplicationValues() throws Exception {
        // The dispatcher's JBoss Marshalling writes them as Java serialization would.
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(new DeliverCommand("c1", MESSAGE));
            out.writeObject(new DeliverToInterestedCommand(targets("c1", MESSAGE)));
            out.writeObject(new EndSessionCommand("c1", "<x/>"));
            out.writeObject(new StatusCommand());
            out.writeObject(new HeldSessionsCommand(held("alice@example.org/desk",
                    new SessionRecord("desk", new ChannelId("node2", "s1"), "tcp", "-", 1, true,
                            0)), "node2", 1));
        }
    }

    @Test
    void statusNamesTheAddressAndAnUptime() {
        String[] fields = node.status().split("\t");
        assertEquals("127.0.0.1:5222", fields[0]);
        assertTrue(Long.parseLong(fields[1]) >= 0);
    }
}
