package im.meerkat.web.bosh;

import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;

/** An HTTP request of a test: its answer, once. */
final class RecordingExchange implements Exchange {

    private static final XmlDocumentParser PARSER = new XmlDocumentParser(ParserLimits.DEFAULT);

    String body;
    int answers;

    @Override
    public synchronized void respond(String b) {
        body = b;
        answers++;
    }

    boolean answered() {
        return body != null;
    }

    Element parsed() {
        try {
            return PARSER.parse(body);
        } catch (StreamErrorException e) {
            throw new AssertionError("answer is not XML: " + body, e);
        }
    }
}
