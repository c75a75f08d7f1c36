package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.io.IOException;

/**
 * One logged-in client session of the load tools, whatever carries it: TCP ({@link XmppClient}),
 * WebSocket ({@link WebSocketClient}) or BOSH ({@link BoshClient}). After login one thread may
 * call {@link #next}; {@link #send} may be called from one other thread.
 */
interface LoadClient extends AutoCloseable {

    /** The full JID the server bound. */
    String jid();

    /** Sends one stanza (or several, back to back). */
    void send(String xml) throws IOException;

    /** The next top-level element, or null when the stream ended or nothing came in time. */
    Element next(int millis) throws IOException;

    @Override
    void close();
}
