package im.meerkat.server.stream;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session takes along when it is resumed on another node (XEP-0198 §5,
 * docs/CLUSTER.md), as the XML the node that held it answers the resume command with: the
 * stream management counts and the unacknowledged stanzas (with when they were first sent), the
 * last available presence (RFC 6121 §4.4), whether the client requested the roster (§2.1.6) and
 * the targets of directed presence (§4.6). Carbons and capabilities travel in the session
 * record; client state (XEP-0352) belongs to the stream, so a resumed session starts active.
 */
record Handover(Jid jid, SessionChannel.HandedOver state, Presence presence, boolean interested,
        List<Jid> directed) {

    static final String NAMESPACE = "urn:meerkat:cluster:handover";
    static final XmlName HANDOVER = XmlName.of(NAMESPACE, "handover");
    static final XmlName TOO_HIGH = XmlName.of(NAMESPACE, "too-high");
    private static final XmlName UNACKED = XmlName.of(NAMESPACE, "unacked");
    private static final XmlName DIRECTED = XmlName.of(NAMESPACE, "directed");
    private static final XmlName LAST_PRESENCE = XmlName.of(NAMESPACE, "presence");

    static Handover of(LocalSession session, SessionChannel.HandedOver state) {
        return new Handover(session.jid(), state, session.presence(), session.interested(),
                List.copyOf(session.directedPresenceTargets()));
    }

    Element toElement() {
        Element.Builder b = Element.builder(HANDOVER)
                .attribute("jid", jid.toString())
                .attribute("handled", Long.toString(state.handled()))
                .attribute("acknowledged", Long.toString(state.acknowledged()))
                .attribute("timeout", Long.toString(state.resumeTimeout().toMillis()))
                .attribute("interested", Boolean.toString(interested));
        if (presence != null) {
            b.child(Element.builder(LAST_PRESENCE).child(presence.element()));
        }
        for (Jid target : directed) {
            b.child(Element.builder(DIRECTED).attribute("jid", target.toString()));
        }
        for (UnackedQueue.Unacked u : state.unacked()) {
            b.child(Element.builder(UNACKED).attribute("sent-at", Long.toString(u.sentAt()))
                    .child(u.stanza()));
        }
        return b.build();
    }

    /**
     * @throws IllegalArgumentException when the element is not a handover
     */
    static Handover fromElement(Element e) {
        if (!e.is(HANDOVER)) {
            throw new IllegalArgumentException("not a handover: " + e.name());
        }
        List<UnackedQueue.Unacked> unacked = new ArrayList<>();
        for (Element u : e.children(UNACKED)) {
            unacked.add(new UnackedQueue.Unacked(u.firstElement().orElseThrow(),
                    Long.parseLong(u.attribute("sent-at"))));
        }
        List<Jid> directed = new ArrayList<>();
        for (Element d : e.children(DIRECTED)) {
            directed.add(Jid.of(d.attribute("jid")));
        }
        Presence presence = null;
        Element last = e.child(LAST_PRESENCE).flatMap(Element::firstElement).orElse(null);
        if (last != null) {
            try {
                presence = (Presence) Stanza.of(last);
            } catch (StanzaErrorException | ClassCastException ex) {
                throw new IllegalArgumentException("not a presence: " + last, ex);
            }
        }
        SessionChannel.HandedOver state = new SessionChannel.HandedOver(null,
                UnackedQueue.parse(e.attribute("handled")),
                UnackedQueue.parse(e.attribute("acknowledged")),
                Duration.ofMillis(Long.parseLong(e.attribute("timeout"))), unacked);
        return new Handover(Jid.of(e.attribute("jid")), state, presence,
                Boolean.parseBoolean(e.attribute("interested")), directed);
    }

    /** Gives a session of the new node the presence state of the old one. */
    void applyTo(LocalSession session) {
        session.presence(presence);
        if (interested) {
            session.rosterRequested();
        }
        directed.forEach(session::directedAvailable);
    }
}
