package im.meerkat.testsuite.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.ProcessResult;
import im.meerkat.testsuite.harness.Suite;
import im.meerkat.testsuite.harness.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The archive of a cluster (docs/ARCHIVE.md, docs/CLUSTER.md): two nodes on one PostgreSQL
 * database that find each other through it (JDBC discovery). Alice chats on the first node with
 * Bob on the second, then reconnects to the second node and finds the whole conversation through
 * XEP-0313, with the ids of her archive equal to the XEP-0359 stanza-ids of the messages she
 * received live; Bob, reconnecting to the first node, likewise.
 */
class MamClusterIT {

    private static final String DATABASE = "meerkat_mam_cluster_" + Suite.sharedNode();
    private static final int ROUNDS = 20;

    private static final List<MeerkatNode> nodes = new ArrayList<>();

    @RegisterExtension
    final Clients first = Clients.on(() -> nodes.get(0));
    @RegisterExtension
    final Clients second = Clients.on(() -> nodes.get(1));

    @BeforeAll
    static void startCluster() {
        TestDatabase.recreate(DATABASE);
        String name = "meerkat-mam-it-" + ProcessHandle.current().pid();
        int number = Suite.sharedNode();
        try {
            // one after the other: the first creates the schema
            for (int i = 0; i < 2; i++) {
                number = MeerkatNode.freeNumber(number + 1);
                nodes.add(MeerkatNode.start(NodeConfig.shared().withNumber(number).withDatabase(null)
                        .with("MEERKAT_CLUSTER_DISCOVERY", "jdbc")
                        .with("MEERKAT_CLUSTER_NAME", name)
                        .with("MEERKAT_DB_URL", NodeConfig.POSTGRES_URL + DATABASE)
                        .with("MEERKAT_DB_USER", "postgres")
                        .with("MEERKAT_DB_PASSWORD", "postgres")));
            }
        } catch (RuntimeException e) {
            stopCluster();
            throw e;
        }
        Await.until("a cluster of two", Duration.ofSeconds(60), () -> members(nodes.get(1)) == 2,
                () -> nodes.get(1).ctl().run("cluster-status").stdout());
    }

    private static long members(MeerkatNode node) {
        ProcessResult status = node.ctl().run("cluster-status");
        return status.exitCode() != 0 ? -1
                : status.stdout().lines().filter(l -> l.contains("\tup")).count();
    }

    @AfterAll
    static void stopCluster() {
        for (MeerkatNode node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                System.err.println("stopping " + node + ": " + e);
            }
        }
        nodes.clear();
    }

    /** The account's archive, oldest first: body to archive id, once every one is written. */
    private static Map<String, String> archive(XMPPTCPConnection connection, int expected)
            throws Exception {
        MamManager mam = MamManager.getInstanceFor(connection);
        assertTrue(mam.isSupported(), "disco#info on the own bare JID lists urn:xmpp:mam:2");
        Map<String, String> ids = new LinkedHashMap<>();
        // The other node writes its rows asynchronously: a query here waits only for this node's.
        Await.until(expected + " archived messages", Duration.ofSeconds(30), () -> {
            try {
                MamQuery page = mam.queryArchive(MamQueryArgs.builder()
                        .setResultPageSizeTo(2 * expected).build());
                ids.clear();
                List<Message> messages = page.getMessages();
                List<MamResultExtension> results = page.getMamResultExtensions();
                for (int i = 0; i < messages.size(); i++) {
                    ids.put(messages.get(i).getBody(), results.get(i).getId());
                }
                return ids.size() == expected && page.isComplete();
            } catch (Exception e) {
                throw new AssertionError("MAM query failed: " + e, e);
            }
        }, ids::keySet);
        return ids;
    }

    /** The stanza-id that the recipient's server put on a live message (XEP-0359 §3). */
    private static String liveId(Message m, Account recipient) {
        StanzaIdElement sid = StanzaIdElement.getStanzaId(m);
        assertNotNull(sid, () -> "no stanza-id on " + m.toXML());
        assertEquals(recipient.bare(), sid.getBy().toString());
        return sid.getId();
    }

    @Test
    void historyMadeOnOneNodeIsWholeAfterReconnectingToTheOther() throws Exception {
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        XMPPTCPConnection aliceOnFirst = first.connect(alice, "phone");
        XMPPTCPConnection bobOnSecond = second.connect(bob, "desk");

        List<String> conversation = new ArrayList<>();
        Map<String, String> aliceGot = new LinkedHashMap<>();
        Map<String, String> bobGot = new LinkedHashMap<>();
        try (Inbox atAlice = Inbox.messages(aliceOnFirst, FromMatchesFilter.createFull(bobOnSecond.getUser()));
                Inbox atBob = Inbox.messages(bobOnSecond, FromMatchesFilter.createFull(aliceOnFirst.getUser()))) {
            for (int i = 0; i < ROUNDS; i++) {
                String fromAlice = "from alice " + i;
                Chat.send(aliceOnFirst, bobOnSecond.getUser(), fromAlice);
                Message m = atBob.nextMessage(fromAlice);
                assertEquals(fromAlice, m.getBody());
                bobGot.put(fromAlice, liveId(m, bob));
                conversation.add(fromAlice);

                String fromBob = "from bob " + i;
                Chat.send(bobOnSecond, aliceOnFirst.getUser(), fromBob);
                m = atAlice.nextMessage(fromBob);
                assertEquals(fromBob, m.getBody());
                aliceGot.put(fromBob, liveId(m, alice));
                conversation.add(fromBob);
            }
        }
        aliceOnFirst.disconnect();
        bobOnSecond.disconnect();

        Map<String, String> alicesArchive = archive(second.connect(alice, "phone"), 2 * ROUNDS);
        assertEquals(conversation, List.copyOf(alicesArchive.keySet()),
                "XEP-0313 §4: the whole conversation, in order, from the other node");
        aliceGot.forEach((body, id) -> assertEquals(id, alicesArchive.get(body),
                "XEP-0359: the live stanza-id of '" + body + "' is its archive id"));

        Map<String, String> bobsArchive = archive(first.connect(bob, "desk"), 2 * ROUNDS);
        assertEquals(conversation, List.copyOf(bobsArchive.keySet()));
        bobGot.forEach((body, id) -> assertEquals(id, bobsArchive.get(body),
                "XEP-0359: the live stanza-id of '" + body + "' is its archive id"));
    }
}
