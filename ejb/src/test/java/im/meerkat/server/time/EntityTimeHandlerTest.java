package im.meerkat.server.time;

import static im.meerkat.server.iq.Requests.refusal;
import static im.meerkat.server.iq.Requests.request;
import static im.meerkat.server.iq.Requests.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Entity Time (XEP-0202) of the server. */
class EntityTimeHandlerTest {

    private static final String NS = "urn:xmpp:time";
    private static final Instant NOW = Instant.parse("2026-11-30T06:01:02.345678Z");

    private static Element ask(String zone) {
        EntityTimeHandler handler = new EntityTimeHandler(Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneId.of(zone));
        return result(handler, request("alice@example.org/phone", IqScope.SERVER,
                "<iq type='get' id='t1' to='example.org'><time xmlns='" + NS + "'/></iq>"));
    }

    private static String child(Element time, String name) {
        return time.childText(XmlName.of(NS, name)).orElseThrow();
    }

    @Test
    void utcIsTheInstantInXep0082DateTime() { // XEP-0202 §4, XEP-0082 §3.2
        Element time = ask("UTC");
        assertEquals(XmlName.of(NS, "time"), time.name());
        assertEquals("2026-11-30T06:01:02.345Z", child(time, "utc"));
        assertEquals("+00:00", child(time, "tzo"));
    }

    @Test
    void tzoIsTheZonesOffsetAtThatInstant() { // XEP-0082 TZD: ±hh:mm
        assertEquals("-06:00", child(ask("America/Chicago"), "tzo")); // CST in November
        assertEquals("+05:30", child(ask("Asia/Kolkata"), "tzo"));
        assertEquals("+13:00", child(ask("Pacific/Auckland"), "tzo")); // NZDT
        assertEquals("2026-11-30T06:01:02.345Z", child(ask("Asia/Kolkata"), "utc"));
    }

    @Test
    void negativeOffsetsBelowAnHourKeepTheirSign() {
        assertEquals("-00:30", EntityTimeHandler.tzo(ZoneOffset.ofHoursMinutes(0, -30)));
        assertEquals("-09:30", EntityTimeHandler.tzo(ZoneOffset.ofHoursMinutes(-9, -30)));
    }

    @Test
    void aSetIsBadRequest() {
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(new EntityTimeHandler(),
                request("alice@example.org/phone", IqScope.SERVER,
                        "<iq type='set' id='t2' to='example.org'><time xmlns='" + NS + "'/></iq>")));
    }
}
