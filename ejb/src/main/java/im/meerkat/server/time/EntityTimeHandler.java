package im.meerkat.server.time;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Entity Time (XEP-0202 §4): the server answers {@code <time xmlns='urn:xmpp:time'/>} with
 * {@code <tzo/>}, the offset of the JVM's time zone at this instant, and {@code <utc/>}, both
 * in the profiles of XEP-0082 (TZD {@code ±hh:mm}, DateTime in UTC with milliseconds).
 */
@ApplicationScoped
public class EntityTimeHandler implements IqHandler {

    public static final String NAMESPACE = "urn:xmpp:time";
    private static final XmlName TIME = XmlName.of(NAMESPACE, "time");
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final ZoneId zone;

    public EntityTimeHandler() {
        this(Clock.systemUTC(), ZoneId.systemDefault());
    }

    /** For tests: any clock and zone. */
    public EntityTimeHandler(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public XmlName payload() {
        return TIME;
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "entity time is an IQ get");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return request.iq().result(Element.builder(TIME)
                .child(XmlName.of(NAMESPACE, "tzo"), tzo(zone.getRules().getOffset(now)))
                .child(XmlName.of(NAMESPACE, "utc"), UTC.format(now))
                .build());
    }

    /** XEP-0082 TZD, always with sign, hours and minutes ({@code +00:00}, not {@code Z}). */
    static String tzo(ZoneOffset offset) {
        int minutes = offset.getTotalSeconds() / 60;
        int abs = Math.abs(minutes);
        return String.format("%s%02d:%02d", minutes < 0 ? "-" : "+", abs / 60, abs % 60);
    }
}
