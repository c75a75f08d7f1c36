package im.meerkat.server.cluster;

import im.meerkat.server.routing.Delivery;
import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.session.SessionTable;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** One node, {@code node1}, over an in-memory session table that other nodes' records share. */
final class ClusterFixture {

    static final Jid ALICE = Jid.of("alice@example.org");

    final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();
    final SessionTable table = new SessionTable(cache);
    final SessionRegistry registry = new SessionRegistry(table, List.of(), "node1",
            Clock.systemUTC());
    final Delivery delivery = new Delivery(registry, (record, stanza) -> false, m -> false);

    /** Binds a resource of alice on node1 over a fake stream. */
    LocalSession bind(String resource, FakeChannel channel) throws StanzaErrorException {
        return registry.bind(ALICE, resource, channel);
    }

    /** A session that another node holds, as its record arrives through replication. */
    void remote(String node, String resource, boolean available) {
        table.put(ALICE, new SessionRecord(resource, new ChannelId(node, "s-" + resource),
                "tcp", "-", 0, available, 0));
    }
}
