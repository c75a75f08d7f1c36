package im.meerkat.connector.rar.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.XmppConnection;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.delivery.EndpointTarget;
import im.meerkat.connector.rar.net.ConnectorEngine;
import im.meerkat.connector.rar.net.Listener;
import im.meerkat.connector.rar.net.ListenerSpec;
import im.meerkat.connector.rar.tls.TlsKeyMaterial;
import im.meerkat.connector.rar.tls.TlsServerContext;
import im.meerkat.connector.rar.work.WorkManagerRunner;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;

/**
 * A running connector engine on loopback with a {@link ScriptedServer} behind fake message
 * endpoints, on a fake WorkManager: the real NIO core without a container.
 */
public final class EngineFixture implements AutoCloseable {

    private static TlsServerContext tls;

    public final ScriptedServer server = new ScriptedServer();
    public final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(server);
    public final ExecutorWorkManager workManager = new ExecutorWorkManager();
    public final ConnectorEngine engine;
    private final EndpointTarget target = new EndpointTarget(endpoints);

    public EngineFixture(ConnectorSettings settings) throws Exception {
        engine = new ConnectorEngine(settings, new WorkManagerRunner(workManager), tls());
        engine.start();
        server.connectTo(new EngineConnection(engine));
    }

    /** One self-signed certificate for all tests, made the way a server's first start does. */
    public static synchronized TlsServerContext tls() throws Exception {
        if (tls == null) {
            Path dir = Files.createTempDirectory("meerkat-tls-test");
            tls = new TlsKeyMaterial(null, new char[0], "PKCS12", dir.resolve("meerkat-tls.p12"),
                    List.of("localhost")).open();
        }
        return tls;
    }

    public Listener listen(String name) throws IOException {
        return engine.open(ListenerSpec.named(name,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), target);
    }

    @Override
    public void close() {
        engine.stop();
        try {
            workManager.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The outbound operations straight on the engine, as the JCA handle forwards them. */
    private record EngineConnection(ConnectorEngine engine) implements XmppConnection {
        @Override
        public boolean openStream(ConnectionId id, StreamHeader header) {
            return engine.openStream(id, header);
        }

        @Override
        public boolean send(ConnectionId id, Element element) {
            return engine.send(id, element);
        }

        @Override
        public boolean startTls(ConnectionId id) {
            return engine.startTls(id);
        }

        @Override
        public boolean restartStream(ConnectionId id) {
            return engine.restartStream(id);
        }

        @Override
        public void closeStream(ConnectionId id, StreamError error) {
            engine.closeStream(id, error);
        }

        @Override
        public void abort(ConnectionId id) {
            engine.abort(id);
        }

        @Override
        public boolean isOpen(ConnectionId id) {
            return engine.isOpen(id);
        }

        @Override
        public void close() {
        }
    }
}
