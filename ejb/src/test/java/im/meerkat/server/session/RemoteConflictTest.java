package im.meerkat.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * RFC 6120 §7.7.2.2 across nodes: binding a resource that a session on another node holds
 * replaces its record and has that node close the older stream with {@code <conflict/>}; a kick
 * reaches the sessions of other nodes the same way.
 */
class RemoteConflictTest {

    private static final Jid ALICE = Jid.of("alice@example.org");

    private final SessionTable table = new SessionTable(new ConcurrentHashMap<>());
    private final SessionRegistry registry = new SessionRegistry(table, List.of(), "node1",
            Clock.systemUTC());
    private final List<String> ended = new ArrayList<>();

    RemoteConflictTest() {
        registry.useRemote(new RemoteSessions() {
            @Override
            public boolean deliver(SessionRecord target, Stanza stanza) {
                return false;
            }

            @Override
            public boolean end(SessionRecord target, StreamError error) {
                ended.add(target.channel() + " " + error.condition());
                return true;
            }
        });
        table.put(ALICE, new SessionRecord("desk", new ChannelId("node2", "s7"), "tcp", "-", 0,
                true, 0));
    }

    @Test
    void theOlderSessionOnAnotherNodeIsEndedWithConflict() throws Exception {
        registry.bind(ALICE, "desk", new FakeChannel("node1", "c1"));

        assertEquals(List.of("node2/s7 " + StreamErrorCondition.CONFLICT), ended);
        assertEquals("node1", table.session(ALICE.withResource("desk")).orElseThrow().channel()
                .node());
    }

    @Test
    void endElsewhereReachesOnlyTheSelectedSessionsOfOtherNodes() throws Exception {
        registry.bind(ALICE, "phone", new FakeChannel("node1", "c1"));
        StreamError kick = StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "bye");

        assertEquals(0, registry.endElsewhere(ALICE.withResource("phone"), kick));
        assertEquals(1, registry.endElsewhere(ALICE, kick));
        assertEquals(List.of("node2/s7 " + StreamErrorCondition.POLICY_VIOLATION), ended);
    }
}
