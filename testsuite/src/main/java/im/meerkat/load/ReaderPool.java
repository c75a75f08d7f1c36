package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads many logged-in clients with a few threads: each thread owns a selector and the clients
 * given to it round-robin, reads what arrives on them without waiting ({@link TlsChannel}) and
 * hands each element to the listener with the time it was read. This is how the load tools hold
 * thousands of receiving users on a small machine: a thread per user spends the CPU on the tool
 * instead of the server. Clients must come from {@link XmppClient#loginSelectable}; once added,
 * only the pool reads them (no {@link XmppClient#next}); they may still be written to.
 */
final class ReaderPool implements AutoCloseable {

    /** Receives what the pool reads; called on the pool's threads. */
    interface Listener {
        /** One top-level element from {@code client}, read at {@code nanos} ({@link System#nanoTime()}). */
        void element(XmppClient client, Element element, long nanos);

        /** The server ended the stream or the connection, or reading failed. */
        void closed(XmppClient client, IOException cause);
    }

    private final List<Reader> readers = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    ReaderPool(int threads, Listener listener) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        try {
            for (int i = 0; i < threads; i++) {
                Reader reader = new Reader(Selector.open(), listener, "reader-" + i);
                readers.add(reader);
                reader.thread.start();
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Hands the client to one of the threads, which reads it from now on. */
    void add(XmppClient client) {
        Reader reader = readers.get(Math.floorMod(next.getAndIncrement(), readers.size()));
        reader.added.add(client);
        reader.selector.wakeup();
    }

    /** Stops the threads; the clients stay open (closing them is the caller's). */
    @Override
    public void close() {
        for (Reader reader : readers) {
            reader.thread.interrupt();
            reader.selector.wakeup();
        }
        for (Reader reader : readers) {
            try {
                reader.thread.join();
                reader.selector.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException ignored) {
                // the selector goes anyway
            }
        }
    }

    private static final class Reader implements Runnable {
        final Selector selector;
        final Listener listener;
        final Queue<XmppClient> added = new ConcurrentLinkedQueue<>();
        final Thread thread;

        Reader(Selector selector, Listener listener, String name) {
            this.selector = selector;
            this.listener = listener;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    register();
                    selector.select();
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        read(key, (XmppClient) key.attachment());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("selector failed", e);
            }
        }

        private void register() {
            XmppClient client;
            while ((client = added.poll()) != null) {
                try {
                    client.channel().register(selector, SelectionKey.OP_READ, client);
                    read(null, client); // what came before it was registered
                } catch (IOException e) {
                    listener.closed(client, e);
                }
            }
        }

        private void read(SelectionKey key, XmppClient client) {
            boolean open;
            IOException cause = null;
            try {
                open = client.readAvailable();
            } catch (IOException e) {
                open = false;
                cause = e;
            }
            long now = System.nanoTime();
            Element element;
            while ((element = client.poll()) != null) {
                listener.element(client, element, now);
            }
            if (!open) {
                SelectionKey registered = key != null ? key : client.channel().keyFor(selector);
                if (registered != null) {
                    registered.cancel();
                }
                listener.closed(client, cause);
            }
        }
    }
}
