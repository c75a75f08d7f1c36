package im.meerkat.connector.rar.net;

import java.util.Arrays;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.connector.rar.delivery.DeliveryEvent;
import im.meerkat.connector.rar.delivery.Mailbox;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.StreamHandler;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.stream.XmppStreamParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;

/**
 * Turns one connection's plaintext into mailbox events with an {@link XmppStreamParser}, on the
 * selector thread.
 *
 * <p>STARTTLS (RFC 6120 §5.4.3.3): once {@code <starttls/>} has been parsed, no further byte may
 * be read as plaintext XML, or a peer (or an attacker in the path) could inject stanzas that
 * the server would take as sent under TLS. Until TLS is possible, input is therefore fed to the
 * parser in pieces ending at each {@code '>'}, so that parsing stops right after the element;
 * what follows it is held, to be given to TLS as ciphertext.
 */
final class StreamInput implements StreamHandler {

    /** Reports what the connection must act on. */
    interface Owner {
        TransportSecurity security();

        /** The peer's stream header, kept for a stream error header of our own. */
        void peerHeader(StreamHeader header);

        /** The peer closed its stream. */
        void peerClosedStream();
    }

    private final ParserLimits limits;
    private final Mailbox mailbox;
    private final Owner owner;
    private XmppStreamParser parser;
    /** Whether {@code <starttls/>} is still possible on this stream. */
    private boolean watchStartTls;
    private boolean held;
    private byte[] heldBytes;

    StreamInput(ParserLimits limits, Mailbox mailbox, Owner owner, boolean watchStartTls) {
        this.limits = limits;
        this.mailbox = mailbox;
        this.owner = owner;
        this.watchStartTls = watchStartTls;
        this.parser = new XmppStreamParser(limits, this);
    }

    /** Parses bytes; when input is held after {@code <starttls/>}, keeps them instead. */
    void feed(byte[] data, int offset, int length) throws StreamErrorException {
        if (held) {
            hold(data, offset, length);
            return;
        }
        if (!watchStartTls) {
            parser.feed(data, offset, length);
            return;
        }
        int end = offset + length;
        int start = offset;
        while (start < end && !held) {
            int stop = start;
            while (stop < end && data[stop] != '>') {
                stop++;
            }
            stop = Math.min(stop + 1, end);
            parser.feed(data, start, stop - start);
            start = stop;
        }
        if (start < end) {
            hold(data, start, end - start);
        }
    }

    private void hold(byte[] data, int offset, int length) {
        int old = heldBytes == null ? 0 : heldBytes.length;
        heldBytes = heldBytes == null ? new byte[length] : Arrays.copyOf(heldBytes, old + length);
        System.arraycopy(data, offset, heldBytes, old, length);
    }

    /** Whether reading must wait for the server's answer to {@code <starttls/>}. */
    boolean held() {
        return held;
    }

    /** The bytes that followed {@code <starttls/>}, now handed to TLS; null if none. */
    byte[] releaseForTls() {
        byte[] bytes = heldBytes;
        heldBytes = null;
        held = false;
        watchStartTls = false;
        parser = new XmppStreamParser(limits, this);
        return bytes;
    }

    /** A new stream after SASL success (RFC 6120 §6.4.6). */
    void restart() {
        parser = new XmppStreamParser(limits, this);
    }

    @Override
    public void streamOpened(StreamHeader header) {
        owner.peerHeader(header);
        mailbox.offer(new DeliveryEvent.StreamOpened(header, owner.security()));
    }

    @Override
    public void element(Element element) {
        if (watchStartTls && element.is(Namespaces.TLS, "starttls")) {
            held = true;
        }
        mailbox.offer(new DeliveryEvent.Received(element));
    }

    @Override
    public void streamClosed() {
        mailbox.offer(new DeliveryEvent.StreamClosed());
        owner.peerClosedStream();
    }
}
