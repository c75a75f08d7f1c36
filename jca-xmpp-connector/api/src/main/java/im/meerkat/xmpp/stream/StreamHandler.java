package im.meerkat.xmpp.stream;

import im.meerkat.xmpp.xml.Element;

/** Receives what {@link XmppStreamParser} reads, in order, on the thread that feeds it. */
public interface StreamHandler {

    /** The opening stream tag has been read. */
    void streamOpened(StreamHeader header);

    /** A complete top-level element (a stanza or a stream-level element) has been read. */
    void element(Element element);

    /** The closing stream tag has been read; the parser ignores anything after it. */
    void streamClosed();
}
