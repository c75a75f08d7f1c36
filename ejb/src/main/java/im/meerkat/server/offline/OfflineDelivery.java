package im.meerkat.server.offline;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers an account's stored messages to a session that sent initial presence (XEP-0160 §3),
 * in the order they arrived, each with a delay stamp from the server (XEP-0203), and deletes
 * those written to the session. A message the session could not take stays for the next time.
 * Deliveries for one account on this node run one at a time, so that two of them (initial
 * presence, and a message stored just as the session became available) never send a message twice.
 */
@ApplicationScoped
public class OfflineDelivery {

    public static final XmlName DELAY = XmlName.of("urn:xmpp:delay", "delay");
    private static final Logger LOG = Logger.getLogger(OfflineDelivery.class.getName());
    /** Stored stanzas passed the stream's limits once; these only guard against damage. */
    private static final ParserLimits LIMITS = new ParserLimits(64 * 1024 * 1024, 256, 1024);

    private static final int STRIPES = 64;

    private OfflineStore store;
    private final Object[] locks = new Object[STRIPES];

    {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** For the container's proxy. */
    protected OfflineDelivery() {
    }

    @Inject
    public OfflineDelivery(OfflineStore store) {
        this.store = store;
    }

    /** Sends the stored messages; returns how many were written. */
    public int deliver(LocalSession session) {
        synchronized (locks[Math.floorMod(session.jid().bare().hashCode(), STRIPES)]) {
            return deliverLocked(session);
        }
    }

    private int deliverLocked(LocalSession session) {
        List<OfflineStore.Stored> messages = store.messages(session.jid());
        if (messages.isEmpty()) {
            return 0;
        }
        XmlDocumentParser parser = new XmlDocumentParser(LIMITS);
        String domain = session.jid().domain();
        List<Long> done = new ArrayList<>(messages.size());
        for (OfflineStore.Stored m : messages) {
            Element element;
            try {
                element = parser.parse(m.stanza());
            } catch (StreamErrorException | RuntimeException e) {
                LOG.log(Level.WARNING, "stored message " + m.id() + " is damaged; deleted", e);
                done.add(m.id());
                continue;
            }
            if (!session.sendStored(stamped(element, domain, m.storedAt()))) {
                break;
            }
            done.add(m.id());
        }
        store.delete(session.jid(), done);
        return done.size();
    }

    /**
     * The message with {@code <delay from='domain' stamp='...'/>} (XEP-0203 §3), unless it has
     * one from the server already (a message stored after stream management gave up on it).
     */
    static Element stamped(Element message, String domain, long storedAt) {
        if (message.hasChild(DELAY)) {
            return message;
        }
        return message.toBuilder().child(Element.builder(DELAY).attribute("from", domain)
                .attribute("stamp", Instant.ofEpochMilli(storedAt).toString()).build()).build();
    }
}
