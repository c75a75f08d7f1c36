package im.meerkat.connector.rar.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.ConnectionInfo;
import im.meerkat.connector.api.StanzaListener;
import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.connector.api.XmppConnection;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;

/**
 * The bean behind the test endpoints: records every call per connection and plays a minimal
 * server (answers the header, offers STARTTLS, answers {@code <starttls/>}), the way the EJB
 * side uses the outbound connection.
 */
public final class ScriptedServer implements StanzaListener {

    public static final XmlName FEATURES = XmlName.of(Namespaces.STREAMS, "features");

    /** Everything one connection delivered, in order. */
    public static final class Log {
        public final List<Object> calls = new CopyOnWriteArrayList<>();
        public volatile ConnectionInfo info;
        public volatile TransportSecurity lastSecurity;
        public volatile CloseReason closeReason;
        final AtomicInteger inFlight = new AtomicInteger();
        public final AtomicInteger maxInFlight = new AtomicInteger();
    }

    private final Map<ConnectionId, Log> logs = new ConcurrentHashMap<>();
    private volatile XmppConnection out;
    public volatile boolean answerHeaders = true;
    /** Off for floods: elements then only reach {@link #onElement}. */
    public volatile boolean recordElements = true;
    public volatile BiConsumer<ConnectionId, Element> onElement = (id, e) -> { };

    public void connectTo(XmppConnection connection) {
        this.out = connection;
    }

    public XmppConnection out() {
        return out;
    }

    public Log log(ConnectionId id) {
        return logs.computeIfAbsent(id, k -> new Log());
    }

    public Map<ConnectionId, Log> logs() {
        return logs;
    }

    /** The only connection so far, waiting for it to appear. */
    public ConnectionId awaitConnection() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (logs.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no connection arrived");
            }
            Thread.sleep(5);
        }
        return logs.keySet().iterator().next();
    }

    public CloseReason awaitClosed(ConnectionId id) throws InterruptedException {
        Log log = log(id);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.closeReason == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connection " + id + " not closed; calls " + log.calls);
            }
            Thread.sleep(5);
        }
        return log.closeReason;
    }

    private Log enter(ConnectionId id) {
        Log log = log(id);
        int now = log.inFlight.incrementAndGet();
        log.maxInFlight.accumulateAndGet(now, Math::max);
        return log;
    }

    private void exit(Log log) {
        log.inFlight.decrementAndGet();
    }

    @Override
    public void connectionOpened(ConnectionId id, ConnectionInfo info) {
        Log log = enter(id);
        log.info = info;
        log.calls.add("opened");
        exit(log);
    }

    @Override
    public void streamOpened(ConnectionId id, StreamHeader header, TransportSecurity security) {
        Log log = enter(id);
        log.lastSecurity = security;
        log.calls.add(header);
        if (answerHeaders) {
            out.openStream(id, StreamHeader.response(header.to(), null, "s" + id.value(), "en"));
            Element.Builder features = Element.builder(FEATURES);
            if (!security.encrypted()) {
                features.child(Element.builder(XmlName.of(Namespaces.TLS, "starttls")));
            } else {
                features.child(Element.builder(XmlName.of(Namespaces.SASL, "mechanisms"))
                        .child(XmlName.of(Namespaces.SASL, "mechanism"), "PLAIN"));
            }
            out.send(id, features.build());
        }
        exit(log);
    }

    @Override
    public void elementReceived(ConnectionId id, Element element) {
        Log log = enter(id);
        if (recordElements) {
            log.calls.add(element);
        }
        if (element.is(Namespaces.TLS, "starttls")) {
            out.send(id, Element.empty(XmlName.of(Namespaces.TLS, "proceed")));
            out.startTls(id);
        }
        onElement.accept(id, element);
        exit(log);
    }

    @Override
    public void streamClosed(ConnectionId id) {
        Log log = enter(id);
        log.calls.add("stream-closed");
        exit(log);
    }

    @Override
    public void connectionClosed(ConnectionId id, CloseReason reason) {
        Log log = enter(id);
        log.calls.add(reason);
        log.closeReason = reason;
        exit(log);
    }
}
