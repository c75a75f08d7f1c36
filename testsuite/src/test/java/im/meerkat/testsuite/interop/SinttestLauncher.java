package im.meerkat.testsuite.interop;

import java.security.Security;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.XmppConnectionDescriptor;
import org.igniterealtime.smack.inttest.XmppConnectionManager;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.omemo.signal.SignalOmemoService;

/**
 * Main class of the child JVM that {@link InteropIT} starts: Smack's framework with its
 * connection kinds replaced by two to the port of the node under test: {@value #CONNECTION}
 * (an {@link XMPPTCPConnection}), the one all tests use, and {@value #MODULAR_CONNECTION}, only
 * for the tests written for Smack's modular client. The framework's own settings name a host
 * but no port, and the suite's nodes do not listen on 5222.
 *
 * <p>System properties: {@code meerkat.interop.port} (the node's c2s port, STARTTLS) and the
 * framework's {@code sinttest.*}, with {@code sinttest.defaultConnection} and
 * {@code sinttest.enabledConnections} set to {@value #CONNECTION} (the modular client fails
 * a whole run when its connection fails, see docs/INTEROP.md). The framework ends the JVM
 * itself ({@code System.exit}).
 */
public final class SinttestLauncher {

    /** The nickname of the connection kind this launcher adds. */
    public static final String CONNECTION = "meerkat-tcp";
    /** Smack's modular client, for the framework's tests written for that class. */
    public static final String MODULAR_CONNECTION = "meerkat-modular";

    /** The connection kinds the framework registers itself, all to the default port. */
    private static final List<String> BUILT_IN = List.of("tcp", "modular", "modular-nocompress",
            "modular-websocket-okhttp", "modular-websocket-java11");

    private SinttestLauncher() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(required("meerkat.interop.port"));
        // The framework's own kinds would connect to port 5222, another node's port here.
        for (String builtIn : BUILT_IN) {
            XmppConnectionManager.removeConnectionDescriptor(builtIn);
        }
        XmppConnectionManager.addConnectionDescriptor(XmppConnectionDescriptor
                .buildWith(XMPPTCPConnection.class, XMPPTCPConnectionConfiguration.class,
                        XMPPTCPConnectionConfiguration.Builder.class)
                .withNickname(CONNECTION)
                .applyExtraConfiguration(builder -> builder.setPort(port))
                .build());
        // Only for the tests written for this class: sinttest.enabledConnections leaves it out
        // of the tests that run on every kind of connection.
        XmppConnectionManager.addConnectionDescriptor(XmppConnectionDescriptor
                .buildWith(ModularXmppClientToServerConnection.class,
                        ModularXmppClientToServerConnectionConfiguration.class,
                        ModularXmppClientToServerConnectionConfiguration.Builder.class)
                .withNickname(MODULAR_CONNECTION)
                .applyExtraConfiguration(builder -> builder.setPort(port))
                .build());
        // The OMEMO tests (XEP-0384) need an implementation registered in this JVM, and Smack's
        // OMEMO cipher passes AES-GCM an IV spec that only BouncyCastle's provider takes (the
        // JDK's wants a GCMParameterSpec); BouncyCastle is on the framework's class path already.
        Security.addProvider(new BouncyCastleProvider());
        SignalOmemoService.acknowledgeLicense();
        SignalOmemoService.setup();
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
