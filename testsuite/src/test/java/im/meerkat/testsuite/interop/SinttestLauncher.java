package im.meerkat.testsuite.interop;

import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.XmppConnectionDescriptor;
import org.igniterealtime.smack.inttest.XmppConnectionManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Main class of the child JVM that {@link InteropIT} starts: Smack's framework with one more
 * connection kind, {@value #CONNECTION}, an {@link XMPPTCPConnection} to the port of the node
 * under test. The framework's own settings name a host but no port, and the suite's nodes do
 * not listen on 5222.
 *
 * <p>System properties: {@code meerkat.interop.port} (the node's c2s port, STARTTLS) and the
 * framework's {@code sinttest.*}, with {@code sinttest.defaultConnection} and
 * {@code sinttest.enabledConnections} set to {@value #CONNECTION}. The framework ends the JVM
 * itself ({@code System.exit}).
 */
public final class SinttestLauncher {

    /** The nickname of the connection kind this launcher adds. */
    public static final String CONNECTION = "meerkat-tcp";

    private SinttestLauncher() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(required("meerkat.interop.port"));
        XmppConnectionManager.addConnectionDescriptor(XmppConnectionDescriptor
                .buildWith(XMPPTCPConnection.class, XMPPTCPConnectionConfiguration.class,
                        XMPPTCPConnectionConfiguration.Builder.class)
                .withNickname(CONNECTION)
                .applyExtraConfiguration(builder -> builder.setPort(port))
                .build());
        SmackIntegrationTestFramework.main(args);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required");
        }
        return value;
    }
}
