package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import im.meerkat.xmpp.xml.XmlWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state a session takes to another node (XEP-0198 §5) survives its text form. */
class HandoverTest {

    private static final ParserLimits LIMITS = new ParserLimits(1 << 20, 64, 64);

    private static Element message(String id) {
        return Element.builder(XmlName.of(Namespaces.CLIENT, "message")).attribute("id", id)
                .attribute("to", "alice@example.org/phone").attribute("type", "chat")
                .child(XmlName.of(Namespaces.CLIENT, "body"), "text of " + id).build();
    }

    private static Handover roundTrip(Handover handover) throws Exception {
        String xml = XmlWriter.toXml(handover.toElement());
        return Handover.fromElement(new XmlDocumentParser(LIMITS).parse(xml));
    }

    @Test
    void countsStanzasInOrderPresenceAndDirectedTargetsSurvive() throws Exception {
        Jid alice = Jid.of("alice@example.org/phone");
        Presence presence = Presence.builder().from(alice).build();
        List<UnackedQueue.Unacked> unacked = List.of(
                new UnackedQueue.Unacked(message("m5"), 1000),
                new UnackedQueue.Unacked(message("m6"), 2000));
        Handover sent = new Handover(alice, new SessionChannel.HandedOver(null, 4294967295L, 4,
                Duration.ofSeconds(300), unacked), presence, true,
                List.of(Jid.of("bob@example.org/three")));

        Handover got = roundTrip(sent);

        assertEquals(alice, got.jid());
        assertEquals(4294967295L, got.state().handled());
        assertEquals(4, got.state().acknowledged());
        assertEquals(Duration.ofSeconds(300), got.state().resumeTimeout());
        assertEquals(unacked, got.state().unacked());
        assertEquals(presence.element(), got.presence().element());
        assertEquals(true, got.interested());
        assertEquals(List.of(Jid.of("bob@example.org/three")), got.directed());
    }

    @Test
    void anUnavailableSessionWithNothingUnacknowledged() throws Exception {
        Jid alice = Jid.of("alice@example.org/phone");
        Handover got = roundTrip(new Handover(alice, new SessionChannel.HandedOver(null, 0, 0,
                Duration.ofSeconds(60), List.of()), null, false, List.of()));
        assertNull(got.presence());
        assertEquals(List.of(), got.state().unacked());
        assertEquals(false, got.interested());
    }
}
