package im.meerkat.server.session;

import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Node;
import im.meerkat.xmpp.xml.XmlName;
import im.meerkat.xmpp.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A resource's last available presence as its {@link SessionRecord} carries it, so that any node
 * can send a contact the resource's full current presence (RFC 6121 §3.1.5, §4.2.3, §4.3.2):
 * {@code <show/>}, {@code <status/>}, {@code <priority/>} and extensions such as entity
 * capabilities (XEP-0115) or an avatar hash (XEP-0153), exactly as the client sent them.
 *
 * <p>The stanza is kept as XML text without {@code from} and {@code to}, which the sending node
 * sets. It is replicated with every record of the account, so it is bounded by {@link
 * #MAX_CHARS}: a larger presence is recorded with its children in document order, each whole or
 * not at all, {@code <show/>} and {@code <priority/>} first, the others while they fit.
 */
public final class RecordedPresence {

    /** The most characters of XML a record carries for one presence. */
    public static final int MAX_CHARS = 4096;

    private static final Logger LOG = Logger.getLogger(RecordedPresence.class.getName());
    // The text was written by a node from a stanza that passed its stream's limits.
    private static final XmlDocumentParser PARSER =
            new XmlDocumentParser(new ParserLimits(64 * 1024, 256, 1024));

    private RecordedPresence() {
    }

    /** The text a record carries for an available presence: at most {@link #MAX_CHARS}. */
    static String encode(Presence presence) {
        Element whole = presence.withAddresses(null, null).element();
        String xml = XmlWriter.toXml(whole);
        return xml.length() <= MAX_CHARS ? xml : XmlWriter.toXml(reduced(whole));
    }

    /**
     * The presence a record carries, from {@code from}; when it carries none (a record written
     * by a node from before presence was recorded) or it does not parse, an available presence
     * with only the recorded priority.
     */
    static Presence decode(String xml, Jid from, int priority) {
        if (!xml.isEmpty()) {
            try {
                if (Stanza.of(PARSER.parse(xml)) instanceof Presence p
                        && p.type() == Presence.Type.AVAILABLE) {
                    return p.withFrom(from);
                }
                LOG.log(Level.FINE, "recorded presence of {0} is not available presence", from);
            } catch (StreamErrorException | StanzaErrorException | IllegalArgumentException e) {
                LOG.log(Level.FINE, "recorded presence of " + from + " does not parse", e);
            }
        }
        return Presence.builder().from(from).priority(priority).build();
    }

    /**
     * The presence cut down to {@link #MAX_CHARS}: its attributes when they leave room, then
     * whole children, show and priority first.
     */
    private static Element reduced(Element whole) {
        Element root = whole.withChildren(List.of());
        if (XmlWriter.toXml(root).length() > MAX_CHARS / 4) {
            root = Element.empty(whole.name());
        }
        // The root with an end tag instead of "/>"; a child written alone declares its namespace,
        // inside the presence it may not: the sum of the parts bounds the whole.
        int room = MAX_CHARS - XmlWriter.toXml(root).length() - root.localName().length() - 2;
        List<Element> children = whole.elements();
        boolean[] kept = new boolean[children.size()];
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < children.size(); i++) {
                Element child = children.get(i);
                if (kept[i] || (pass == 0) != essential(whole, child)) {
                    continue;
                }
                int size = XmlWriter.toXml(child).length();
                if (size <= room) {
                    kept[i] = true;
                    room -= size;
                }
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            if (kept[i]) {
                nodes.add(children.get(i));
            }
        }
        return root.withChildren(nodes);
    }

    private static boolean essential(Element presence, Element child) {
        return child.is(XmlName.of(presence.namespace(), "show"))
                || child.is(XmlName.of(presence.namespace(), "priority"));
    }
}
