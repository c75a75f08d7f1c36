package im.meerkat.testsuite.harness;

import java.io.IOException;
import java.net.InetAddress;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * One Smack login to a node: over STARTTLS or direct TLS, with one SASL mechanism, a fixed
 * resource and no automatic presence, so that the test decides what is sent. The client trusts
 * only the node's pinned certificate.
 */
public final class Login {

    /** How long a client waits for an answer from the server. */
    public static final long REPLY_TIMEOUT_MS = 10_000;

    private final Clients clients;
    private final MeerkatNode node;
    private final String user;
    private final String password;
    private String resource = "test";
    private Transport transport = Transport.STARTTLS;
    private String mechanism = "PLAIN";
    private boolean streamManagement;

    Login(Clients clients, MeerkatNode node, String user, String password) {
        this.clients = clients;
        this.node = node;
        this.user = user;
        this.password = password;
    }

    public Login resource(String value) {
        this.resource = value;
        return this;
    }

    public Login transport(Transport value) {
        this.transport = value;
        return this;
    }

    /** The only SASL mechanism the client will use (PLAIN unless set). */
    public Login mechanism(String value) {
        this.mechanism = value;
        return this;
    }

    /**
     * Whether the client enables stream management with resumption (XEP-0198). Off unless set,
     * so that a client the harness drops at the end of a test leaves no session waiting for a
     * resumption on the shared node.
     */
    public Login streamManagement(boolean value) {
        this.streamManagement = value;
        return this;
    }

    public XMPPTCPConnectionConfiguration configuration() throws XmppStringprepException {
        PinnedCertificate tls = node.tls();
        XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(node.domain())
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setUsernameAndPassword(user, password)
                .setResource(resource)
                .setSendPresence(false)
                .setCompressionEnabled(false)
                .setConnectTimeout(10_000)
                .addEnabledSaslMechanism(mechanism)
                .setCustomX509TrustManager(tls.trustManager())
                // The pin identifies the server; see PinnedCertificate.
                .setHostnameVerifier((host, session) -> true);
        if (Boolean.getBoolean("meerkat.test.trace")) {
            // Every byte each client sends and receives, in the test output.
            builder.enableDefaultDebugger();
        }
        if (transport == Transport.DIRECT_TLS) {
            // TLS from the first byte: the socket factory does the handshake with the pin.
            builder.setPort(node.config().directTlsPort())
                    .setSocketFactory(tls.sslContext().getSocketFactory())
                    .setSecurityMode(SecurityMode.disabled);
        } else {
            builder.setPort(node.config().c2sPort())
                    .setSecurityMode(SecurityMode.required);
        }
        return builder.build();
    }

    /** Connects and logs in, or throws what Smack threw (for tests of failing logins). */
    public XMPPTCPConnection connectOrThrow() throws XMPPException, SmackException, IOException,
            InterruptedException {
        XMPPTCPConnection connection = new XMPPTCPConnection(configuration());
        connection.setReplyTimeout(REPLY_TIMEOUT_MS);
        connection.setUseStreamManagement(streamManagement);
        connection.setUseStreamManagementResumption(streamManagement);
        clients.track(connection);
        connection.connect();
        connection.login();
        return connection;
    }

    /**
     * Connects and negotiates TLS without logging in, for what comes before authentication
     * (in-band registration, XEP-0077).
     */
    public XMPPTCPConnection connectWithoutLogin() {
        try {
            XMPPTCPConnection connection = new XMPPTCPConnection(configuration());
            connection.setReplyTimeout(REPLY_TIMEOUT_MS);
            connection.setUseStreamManagement(streamManagement);
            connection.setUseStreamManagementResumption(streamManagement);
            clients.track(connection);
            connection.connect();
            return connection;
        } catch (XMPPException | SmackException | IOException e) {
            throw new AssertionError("connecting over " + transport + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Connects and logs in; a failure fails the test with its cause. */
    public XMPPTCPConnection connect() {
        try {
            return connectOrThrow();
        } catch (XMPPException | SmackException | IOException e) {
            throw new AssertionError("login of " + user + "/" + resource + " over " + transport
                    + " with " + mechanism + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
