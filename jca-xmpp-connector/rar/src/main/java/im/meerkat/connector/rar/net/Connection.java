package im.meerkat.connector.rar.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.ConnectionInfo;
import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.delivery.DeliveryEvent;
import im.meerkat.connector.rar.delivery.Mailbox;
import im.meerkat.connector.rar.tls.TlsServerContext;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.xml.XmlScope;

/**
 * One accepted socket and its XML stream. The network side (read, parse, write, TLS, timers)
 * runs only on the owning {@link SelectorLoop}'s thread; server threads reach it through the
 * {@link ConnectionOutput} methods, which only queue and wake the loop.
 */
final class Connection extends ConnectionOutput implements SelectorLoop.Handler, StreamInput.Owner {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    private static final byte[] KEEPALIVE = {' '};

    /** Where the connection is in its life; see docs/CONNECTOR.md. */
    private enum State {
        /** Reading and parsing. */
        OPEN,
        /** Our end of the stream is queued: writing it out, discarding input. */
        CLOSING,
        /** Everything is written; waiting for the peer to close the socket. */
        DRAINED,
        CLOSED
    }

    private final ConnectionInfo info;
    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final ConnectorSettings settings;
    private final TlsServerContext tls;
    private final Runnable onClosed;
    private final Mailbox mailbox;
    private final StreamInput input;
    private SelectionKey key;
    private Transport transport = PlainTransport.INSTANCE;
    /** Written on the loop's thread only; volatile for {@link #isOpen()} on others. */
    private volatile State state = State.OPEN;
    private ByteBuffer current;
    private boolean closeMarkerSeen;
    private boolean readPaused;
    private long lastRead;
    private long lastWrite;
    private long closeDeadline;
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    Connection(ConnectionId id, ConnectionInfo info, SocketChannel channel, SelectorLoop loop,
            ConnectorSettings settings, TlsServerContext tls, MailboxFactory mailboxes,
            Runnable onClosed) {
        super(id, XmlScope.stream(info.kind().contentNamespace()), settings.outboundQueueBytes(),
                info.directTls());
        this.info = info;
        this.channel = channel;
        this.loop = loop;
        this.settings = settings;
        this.tls = tls;
        this.onClosed = onClosed;
        // A delivery thread calls resume once the listener has caught up.
        this.mailbox = mailboxes.create(id, () -> loop.execute(this::resumeReading));
        this.input = new StreamInput(settings.limits(), mailbox, this, !info.directTls());
    }

    /** Creates the mailbox of a new connection. */
    interface MailboxFactory {
        Mailbox create(ConnectionId id, Runnable resume);
    }

    /** Registers with the loop's selector; on the loop's thread. */
    void register() {
        long now = System.nanoTime();
        lastRead = now;
        lastWrite = now;
        loop.added(this);
        mailbox.offer(new DeliveryEvent.Opened(info));
        try {
            if (info.directTls()) {
                transport = newTls();
            }
            key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        } catch (IOException e) {
            terminate(CloseReason.of(CloseReason.Cause.IO_ERROR));
        }
    }

    private TlsTransport newTls() throws IOException {
        if (tls == null) {
            throw new IOException("TLS is not available: no key or certificate");
        }
        return new TlsTransport(tls, loop.buffers());
    }

    ConnectionInfo info() {
        return info;
    }

    @Override
    public void ready(SelectionKey selected) {
        if (selected.isReadable()) {
            read();
        }
        if (state != State.CLOSED && selected.isValid() && selected.isWritable()) {
            flush();
        }
    }

    private void read() {
        try {
            boolean open = transport.read(channel, loop.buffers().read(), this::accept);
            lastRead = System.nanoTime();
            if (!open) {
                terminate(CloseReason.of(CloseReason.Cause.CLOSED_BY_PEER));
                return;
            }
            if (state == State.OPEN && mailbox.pauseIfFull()) {
                readPaused = true;
            }
            flush();
        } catch (ParseFailure e) {
            fail(e.error());
        } catch (IOException e) {
            LOG.log(Level.FINE, id() + ": read failed", e);
            terminate(CloseReason.of(CloseReason.Cause.IO_ERROR));
        }
    }

    /** Plaintext from the transport. */
    private void accept(byte[] data, int offset, int length) throws ParseFailure {
        if (state != State.OPEN) {
            return; // the stream is over; what the peer still sends is not read
        }
        try {
            input.feed(data, offset, length);
        } catch (StreamErrorException e) {
            throw new ParseFailure(e);
        }
    }

    /** The peer broke the rules (RFC 6120 §4.9): the connector answers on its own. */
    private void fail(StreamErrorException e) {
        LOG.log(Level.FINE, () -> id() + " from " + info.remote() + ": " + e.getMessage());
        StreamError error = e.error();
        beginClose(error, new CloseReason(CloseReason.Cause.PROTOCOL_ERROR, error), false);
    }

    /** Writes queued output until the socket refuses more; on the loop's thread. */
    void flush() {
        if (state == State.CLOSED || state == State.DRAINED) {
            return;
        }
        try {
            while (true) {
                if (current != null) {
                    if (!transport.write(channel, current)) {
                        setInterest(true);
                        return;
                    }
                    current = null;
                    lastWrite = System.nanoTime();
                } else if (!transport.flush(channel)) {
                    setInterest(true);
                    return;
                }
                if (!transport.ready()) {
                    break; // a TLS handshake runs: application data waits
                }
                Object item = outbound().poll();
                if (item == null) {
                    break;
                }
                if (item instanceof byte[] chunk) {
                    current = ByteBuffer.wrap(chunk);
                } else if (!apply((OutboundQueue.Marker) item)) {
                    return;
                }
            }
            if (state == State.CLOSING && outboundDone()) {
                drained();
                return;
            }
            setInterest(false);
        } catch (ParseFailure e) {
            fail(e.error()); // in what arrived together with <starttls/>, parsed under TLS
        } catch (IOException e) {
            LOG.log(Level.FINE, id() + ": write failed", e);
            terminate(CloseReason.of(CloseReason.Cause.IO_ERROR));
        }
    }

    private boolean outboundDone() {
        return current == null && outbound().isEmpty() && closeMarkerSeen;
    }

    /** Acts on a marker reached in the output; false if the connection ended. */
    private boolean apply(OutboundQueue.Marker marker) throws IOException {
        switch (marker) {
            case START_TLS -> {
                byte[] early = input.releaseForTls();
                TlsTransport t = newTls();
                transport = t;
                if (early != null) {
                    t.receiveEarly(early);
                    t.processLeftover(channel, loop.buffers().read(), this::accept);
                }
            }
            case RESTART_STREAM -> input.restart();
            case CLOSE -> {
                closeMarkerSeen = true;
                startClosing();
                transport.closeOutbound();
            }
        }
        return state != State.CLOSED;
    }

    /** Our side is fully written: half-close and give the peer a moment to close its side. */
    private void drained() throws IOException {
        state = State.DRAINED;
        channel.shutdownOutput();
        setInterest(false);
    }

    private void setInterest(boolean write) {
        if (key == null || !key.isValid()) {
            return;
        }
        boolean read = switch (state) {
            case OPEN -> !readPaused && !input.held();
            case CLOSING, DRAINED -> true;
            case CLOSED -> false;
        };
        int ops = (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void resumeReading() {
        if (state == State.OPEN && readPaused) {
            readPaused = false;
            lastRead = System.nanoTime();
            setInterest(current != null);
        }
    }

    /** Timers: closing grace, idle timeout, keepalive. On the loop's thread. */
    void tick(long now) {
        switch (state) {
            case CLOSING, DRAINED -> {
                if (now - closeDeadline >= 0) {
                    terminate(null);
                }
            }
            case OPEN -> {
                // While reading is paused for the listener, the silence is ours, not the peer's.
                if (!readPaused && now - lastRead >= settings.idleTimeout().toNanos()) {
                    idleTimeout();
                } else if (keepaliveDue(now)) {
                    outbound().add(KEEPALIVE);
                    lastWrite = now;
                    flush();
                }
            }
            case CLOSED -> { }
        }
    }

    private void idleTimeout() {
        CloseReason reason = new CloseReason(CloseReason.Cause.IDLE_TIMEOUT,
                StreamError.of(StreamErrorCondition.CONNECTION_TIMEOUT));
        if (!transport.ready()) {
            terminate(CloseReason.of(CloseReason.Cause.IDLE_TIMEOUT));
            return;
        }
        beginClose(reason.error(), reason, false);
    }

    private boolean keepaliveDue(long now) {
        return !settings.keepalive().isZero()
                && now - lastWrite >= settings.keepalive().toNanos()
                && transport.ready() && !input.held() && current == null
                && outbound().headerQueued() && outbound().isEmpty();
    }

    @Override
    protected void requestFlush() {
        // Many sends between two loop turns need one flush.
        if (flushQueued.compareAndSet(false, true)) {
            loop.execute(() -> {
                flushQueued.set(false);
                flush();
            });
        }
    }

    @Override
    protected void closeRequested() {
        if (loop.inLoop()) {
            // possibly in the middle of a read: stop parsing now, write on the next turn
            startClosing();
            loop.execute(this::flush);
        } else {
            loop.execute(() -> {
                startClosing();
                flush();
            });
        }
    }

    private void startClosing() {
        if (state == State.OPEN) {
            state = State.CLOSING;
            closeDeadline = System.nanoTime() + settings.closeGrace().toNanos();
        }
    }

    @Override
    protected void abortRequested() {
        loop.execute(() -> terminate(CloseReason.of(CloseReason.Cause.CLOSED_BY_SERVER)));
    }

    /** Closes the socket and reports the end to the listener, once. */
    void terminate(CloseReason fallback) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, id() + ": close failed", e);
        }
        outbound().shut();
        loop.removed(this);
        CloseReason reason = closeReason();
        if (reason == null) {
            reason = fallback == null ? CloseReason.of(CloseReason.Cause.CLOSED_BY_SERVER)
                    : fallback;
        }
        mailbox.close(reason);
        onClosed.run();
    }

    void terminateForShutdown() {
        terminate(CloseReason.of(CloseReason.Cause.SHUTDOWN));
    }

    @Override
    protected boolean closedForGood() {
        return state == State.CLOSED;
    }

    @Override
    public TransportSecurity security() {
        return transport.security();
    }

    @Override
    public void peerClosedStream() {
        beginClose(null, CloseReason.of(CloseReason.Cause.CLOSED_BY_PEER), false);
    }
}
