package im.meerkat.testsuite.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.Names;
import im.meerkat.testsuite.harness.PinnedCertificate;
import im.meerkat.testsuite.harness.ProcessResult;
import im.meerkat.testsuite.harness.Suite;
import im.meerkat.testsuite.harness.WildFlyDomain;
import im.meerkat.testsuite.harness.WildFlyDomain.Server;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.parts.Localpart;

/**
 * A WildFly domain as an operator sets it up with {@code meerkat-domain.sh configure}: a domain
 * controller whose host runs two servers in the group {@code meerkat} (profile {@code ha}), the
 * EAR deployed to the group, the servers' settings as group system properties, one PostgreSQL
 * database. Users on the two servers chat, which needs the group's servers to be one cluster.
 */
class DomainIT {

    private static final String DOMAIN = "localhost";
    private static final int COUNT = 50;

    private static WildFlyDomain domain;
    private final List<XMPPTCPConnection> connections = new ArrayList<>();

    @BeforeAll
    static void startDomain() {
        int first = MeerkatNode.freeNumber(Suite.sharedNode() + 5);
        domain = WildFlyDomain.start(first, "meerkat_domain_test_" + Suite.sharedNode(), Map.of(
                "meerkat.domain", DOMAIN,
                "meerkat.registration", "true",
                "meerkat.cluster.name", "meerkat-domain-it-" + ProcessHandle.current().pid(),
                "meerkat.cluster.jdbc-select",
                "SELECT ping_data, own_addr, cluster_name FROM JGROUPSPING WHERE cluster_name=?",
                // A loaded test machine may need more than WildFly's 300 s to boot a server
                "jboss.as.management.blocking.timeout", "900"));
    }

    @AfterAll
    static void stopDomain() {
        if (domain != null) {
            domain.close();
        }
    }

    @AfterEach
    void disconnect() {
        connections.forEach(XMPPTCPConnection::disconnect);
    }

    @Test
    void theDomainControllerShowsTheApplicationRunningOnBothServers() {
        for (Server s : domain.servers()) {
            ProcessResult status = domain.cli("/host=primary/server=" + s.name()
                    + "/deployment=meerkat.ear:read-attribute(name=status)");
            assertTrue(status.stdout().contains("\"result\" => \"OK\""),
                    s.name() + ": " + status + "\n" + domain.logTail(s, 30));
        }
        ProcessResult group = domain.cli("/server-group=meerkat:read-attribute(name=profile)");
        assertTrue(group.stdout().contains("\"result\" => \"ha\""), group.toString());
    }

    @Test
    void usersOnTheTwoServersOfTheGroupChatInOrder() throws Exception {
        Server a = domain.servers().get(0);
        Server b = domain.servers().get(1);
        String password = "secret-" + System.nanoTime();
        String alice = Names.unique("alice");
        String bob = Names.unique("bob");
        register(a, alice, password);
        register(b, bob, password);
        XMPPTCPConnection atA = login(a, alice, password);
        XMPPTCPConnection atB = login(b, bob, password);

        try (Inbox inboxB = Inbox.messages(atB, FromMatchesFilter.createFull(atA.getUser()));
                Inbox inboxA = Inbox.messages(atA, FromMatchesFilter.createFull(atB.getUser()))) {
            for (int i = 0; i < COUNT; i++) {
                Chat.send(atA, atB.getUser(), "a" + i);
                Chat.send(atB, atA.getUser(), "b" + i);
            }
            for (int i = 0; i < COUNT; i++) {
                Message toB = inboxB.nextMessage("message " + i + " from " + a.name());
                assertEquals("a" + i, toB.getBody());
                Message toA = inboxA.nextMessage("message " + i + " from " + b.name());
                assertEquals("b" + i, toA.getBody());
            }
        }
    }

    /** In-band registration (XEP-0077), switched on for the group by a system property. */
    private void register(Server server, String user, String password) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(configuration(server, null, null));
        connections.add(c);
        c.connect();
        AccountManager accounts = AccountManager.getInstance(c);
        accounts.sensitiveOperationOverInsecureConnection(false);
        accounts.createAccount(Localpart.from(user), password);
        c.disconnect();
    }

    private XMPPTCPConnection login(Server server, String user, String password) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(configuration(server, user, password));
        c.setReplyTimeout(10_000);
        connections.add(c);
        c.connect();
        c.login();
        return c;
    }

    private static XMPPTCPConnectionConfiguration configuration(Server server, String user,
            String password) throws Exception {
        PinnedCertificate tls = PinnedCertificate.learn(server.directTlsPort(), server.c2sPort(), DOMAIN);
        XMPPTCPConnectionConfiguration.Builder b = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.c2sPort())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(tls.trustManager())
                .setHostnameVerifier((host, session) -> true)
                .setResource("domain")
                .setSendPresence(false)
                .setConnectTimeout(10_000);
        if (user != null) {
            b.setUsernameAndPassword(user, password);
        }
        return b.build();
    }
}
