package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.Login;
import java.net.URI;
import java.nio.file.Path;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smack's own browser-transport clients against the node: {@code smack-bosh} over
 * {@code https://…/http-bind} (XEP-0124, XEP-0206) and {@code smack-websocket} on
 * {@code java.net.http} over {@code wss://…/ws-xmpp} (RFC 7395), each trusting only the node's
 * pinned HTTPS certificate. Each logs in (SASL PLAIN over TLS, resource binding) and chats with a
 * Smack TCP user, 50 messages each way, checked in order (RFC 6120 §10.1).
 */
class SmackWebIT {

    private static final int COUNT = 50;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void smackWebSocketUserChatsWithTcpUserBothWaysInOrder() throws Exception {
        Account alice = clients.newAccount("smackws");
        Account bob = clients.newAccount("tcpbob");
        XMPPTCPConnection tcp = clients.connect(bob, "desk");
        HttpsPin pin = HttpsPin.learn(clients.node());

        ModularXmppClientToServerConnectionConfiguration.Builder config =
                ModularXmppClientToServerConnectionConfiguration.builder()
                        .setXmppDomain(clients.node().domain())
                        .setUsernameAndPassword(alice.user(), alice.password())
                        .setResource("smack-ws")
                        .setSendPresence(false)
                        .addEnabledSaslMechanism("PLAIN");
        config.removeAllModules();
        config.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(config)
                .explicitlySetWebSocketEndpointAndDiscovery(Https.wss(clients.node()), false)
                .setWebSocketFactory(new PinnedWebSocketFactory(pin))
                .build());
        ModularXmppClientToServerConnection ws = new ModularXmppClientToServerConnection(config.build());
        try {
            ws.setReplyTimeout(Login.REPLY_TIMEOUT_MS);
            ws.connect();
            ws.login();
            assertEquals(alice.bare() + "/smack-ws", ws.getUser().toString());
            assertTrue(ws.isSecureConnection(), "wss is an encrypted stream");
            assertSessionListed(ws, "websocket");
            chatBothWays(ws, tcp);
        } finally {
            ws.disconnect();
        }
    }

    @Test
    void smackBoshUserChatsWithTcpUserBothWaysInOrder() throws Exception {
        Account alice = clients.newAccount("smackbosh");
        Account bob = clients.newAccount("tcpbob");
        XMPPTCPConnection tcp = clients.connect(bob, "desk");
        HttpsPin pin = HttpsPin.learn(clients.node());
        URI bosh = Https.boshHttps(clients.node());

        BOSHConfiguration config = BOSHConfiguration.builder()
                .setUseHttps(true)
                .setFile(bosh.getPath())
                .setXmppDomain(clients.node().domain())
                // Smack builds the URI from the host's string form, which for an address literal
                // is "/127.0.0.1" (an InetAddress); a name keeps it a valid URI.
                .setHost("localhost")
                .setPort(bosh.getPort())
                .setUsernameAndPassword(alice.user(), alice.password())
                .setResource("smack-bosh")
                .setSendPresence(false)
                // BOSH has no STARTTLS: the HTTPS connection is the encryption (XEP-0206 §4)
                .setSecurityMode(SecurityMode.disabled)
                .addEnabledSaslMechanism("PLAIN")
                .build();
        XMPPBOSHConnection connection = new XMPPBOSHConnection(config);
        try {
            connection.setReplyTimeout(Login.REPLY_TIMEOUT_MS);
            // Smack hands jbosh no SSL context, and jbosh's HTTP client takes the JVM's trust
            // store: point it at a store holding only the pinned certificate while connecting.
            withTrustStore(pin.trustStore(Path.of("target", "https-pin")), () -> {
                connection.connect();
                connection.login();
            });
            assertEquals(alice.bare() + "/smack-bosh", connection.getUser().toString());
            assertSessionListed(connection, "bosh");
            chatBothWays(connection, tcp);
        } finally {
            connection.disconnect();
        }
    }

    private void assertSessionListed(AbstractXMPPConnection connection, String transport) {
        String full = connection.getUser().toString();
        String table = clients.node().ctl().run("sessions").stdout();
        assertTrue(table.lines().anyMatch(l -> l.startsWith(full + "\t") && l.contains("\t" + transport + "\t")),
                "the session table lists the " + transport + " session:\n" + table);
    }

    private static void chatBothWays(AbstractXMPPConnection web, XMPPTCPConnection tcp) {
        try (Inbox atTcp = Inbox.messages(tcp, FromMatchesFilter.createFull(web.getUser()));
                Inbox atWeb = Inbox.messages(web, FromMatchesFilter.createFull(tcp.getUser()))) {
            for (int i = 0; i < COUNT; i++) {
                Chat.send(web, tcp.getUser(), "web " + i);
            }
            for (int i = 0; i < COUNT; i++) {
                Message m = atTcp.nextMessage("message " + i + " from the " + web.getClass().getSimpleName() + " user");
                assertEquals("web " + i, m.getBody(), "RFC 6120 §10.1: in the order sent");
            }
            for (int i = 0; i < COUNT; i++) {
                Chat.send(tcp, web.getUser(), "tcp " + i);
            }
            for (int i = 0; i < COUNT; i++) {
                Message m = atWeb.nextMessage("message " + i + " from the TCP user");
                assertEquals("tcp " + i, m.getBody(), "RFC 6120 §10.1: in the order sent");
            }
        }
    }

    private interface Connecting {
        void run() throws Exception;
    }

    private static synchronized void withTrustStore(Path store, Connecting connecting) throws Exception {
        String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword"};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = System.getProperty(keys[i]);
        }
        System.setProperty(keys[0], store.toAbsolutePath().toString());
        System.setProperty(keys[1], "PKCS12");
        System.setProperty(keys[2], HttpsPin.STORE_PASSWORD);
        try {
            connecting.run();
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
        }
    }
}
