package im.meerkat.connector.rar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.resource.spi.InvalidPropertyException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.XmppConnection;
import im.meerkat.connector.api.XmppConnectionFactory;
import im.meerkat.connector.rar.support.ExecutorWorkManager;
import im.meerkat.connector.rar.support.RecordingEndpointFactory;
import im.meerkat.connector.rar.support.ScriptedServer;
import im.meerkat.connector.rar.support.TestBootstrapContext;
import im.meerkat.connector.rar.support.TestClient;
import im.meerkat.xmpp.error.StreamErrorCondition;

/**
 * The adapter's JCA life cycle without a container: start on a WorkManager, activation opens
 * the listed listeners, the outbound factory writes to connections, deactivation closes them
 * with {@code <system-shutdown/>}, and the self-signed certificate is made once and reused.
 */
class ResourceAdapterTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='example.test'"
            + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " version='1.0'>";

    private final ExecutorWorkManager workManager = new ExecutorWorkManager();
    private final ScriptedServer server = new ScriptedServer();
    private final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(server);
    private Path dataDir;
    private int port;

    @BeforeEach
    void properties() throws Exception {
        dataDir = Files.createTempDirectory("meerkat-ra-test");
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        System.setProperty("meerkat.c2s-tls.port", String.valueOf(port));
        System.setProperty("jboss.bind.address", "127.0.0.1");
        System.setProperty("jboss.server.data.dir", dataDir.toString());
        System.setProperty("meerkat.domain", "example.test");
    }

    @AfterEach
    void clear() throws Exception {
        for (String p : List.of("meerkat.c2s-tls.port", "jboss.bind.address",
                "jboss.server.data.dir", "meerkat.domain")) {
            System.clearProperty(p);
        }
        workManager.shutdown();
    }

    @Test
    void activationOpensListenersAndTheFactoryWritesToConnections() throws Exception {
        XmppResourceAdapter ra = new XmppResourceAdapter();
        ra.setKeepaliveSeconds(0);
        ra.start(new TestBootstrapContext(workManager));
        XmppManagedConnectionFactory mcf = new XmppManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        XmppConnectionFactory factory = (XmppConnectionFactory) mcf.createConnectionFactory();
        XmppConnection connection = factory.getConnection();
        server.connectTo(connection);

        XmppActivationSpec spec = new XmppActivationSpec();
        spec.setListeners("c2s-tls");
        spec.validate();
        spec.setResourceAdapter(ra);
        ra.endpointActivation(endpoints, spec);
        try (TestClient client = TestClient.direct(
                new InetSocketAddress("127.0.0.1", port))) {
            client.send(HEADER);
            client.readUntil("</stream:features>");
            X509Certificate certificate = client.serverCertificates[0];
            assertTrue(certificate.getSubjectAlternativeNames().stream()
                    .anyMatch(san -> san.get(1).equals("example.test")));
            ConnectionId id = server.awaitConnection();
            assertTrue(connection.isOpen(id));

            ra.endpointDeactivation(endpoints, spec);
            String text = client.readToEnd();
            assertTrue(text.endsWith("<stream:error><system-shutdown"
                    + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                    + "</stream:stream>"), text);
            CloseReason reason = server.awaitClosed(id);
            assertEquals(CloseReason.Cause.SHUTDOWN, reason.cause());
            assertEquals(StreamErrorCondition.SYSTEM_SHUTDOWN, reason.error().condition());
        } finally {
            connection.close();
            ra.stop();
        }
        assertThrows(IllegalStateException.class,
                () -> connection.isOpen(new ConnectionId(1)), "a closed handle is not usable");
        assertEquals(endpoints.created.get(), endpoints.released.get());
    }

    @Test
    void generatedCertificateIsKeptAndReused() throws Exception {
        XmppResourceAdapter first = new XmppResourceAdapter();
        first.start(new TestBootstrapContext(workManager));
        first.stop();
        Path store = dataDir.resolve("meerkat-tls.p12");
        assertTrue(Files.isRegularFile(store), "generated into jboss.server.data.dir");
        byte[] certificate = certificate(store);

        XmppResourceAdapter second = new XmppResourceAdapter();
        second.start(new TestBootstrapContext(workManager));
        second.stop();
        assertArrayEquals(certificate, certificate(store), "the same certificate on restart");
    }

    @Test
    void unknownListenerNameIsRefused() {
        XmppActivationSpec spec = new XmppActivationSpec();
        spec.setListeners("c2s,bosh");
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(e.getMessage().contains("bosh"), e.getMessage());
    }

    private static byte[] certificate(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "meerkat-self-signed".toCharArray());
        }
        return keyStore.getCertificate("meerkat").getEncoded();
    }
}
