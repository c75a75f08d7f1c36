package im.meerkat.web.bosh;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;

/**
 * One {@code <body/>} a client sent (XEP-0124 §7, §8; XEP-0206 §5), with the attributes this
 * connection manager reads. Numbers are checked here; whether they fit the session is not.
 *
 * @param rid       request id, 1 to 2^53 - 1 (§14)
 * @param sid       session id, null for a session creation request
 * @param to        the domain of the stream (creation; also sent with a restart)
 * @param lang      {@code xml:lang}
 * @param version   {@code xmpp:version} (XEP-0206 §5)
 * @param ver       the BOSH version the client implements
 * @param waitTime  {@code wait}: the longest the client lets a request be held, seconds
 * @param hold      {@code hold}: how many requests the client lets the server hold
 * @param pause     {@code pause}, seconds (§10), or null
 * @param terminate {@code type='terminate'} (§13)
 * @param restart   {@code xmpp:restart='true'} (XEP-0206 §5)
 * @param payload   the child elements, in order
 */
public record BoshRequest(long rid, String sid, String to, String lang, String version, String ver,
        Integer waitTime, Integer hold, Integer pause, boolean terminate, boolean restart, List<Element> payload) {

    public static final String NAMESPACE = "http://jabber.org/protocol/httpbind";
    /** XEP-0206 §4: the namespace of {@code xmpp:version} and {@code xmpp:restart}. */
    public static final String XBOSH = "urn:xmpp:xbosh";
    public static final XmlName BODY = XmlName.of(NAMESPACE, "body");

    private static final long MAX_RID = (1L << 53) - 1;

    public BoshRequest {
        payload = List.copyOf(payload);
    }

    /** Reads a parsed body; a missing or malformed attribute is {@code bad-request}. */
    public static BoshRequest of(Element body) throws BoshException {
        if (!body.is(BODY)) {
            throw bad("the root element must be <body/> in " + NAMESPACE);
        }
        long rid = rid(body.attribute("rid"));
        String sid = body.attribute("sid");
        boolean terminate = "terminate".equals(body.attribute("type"));
        boolean restart = "true".equals(body.attribute(XmlName.of(XBOSH, "restart")));
        if (sid == null && body.attribute("to") == null) {
            throw bad("a session creation request needs 'to'");
        }
        return new BoshRequest(rid, sid, body.attribute("to"), body.attribute(Namespaces.XML_LANG),
                body.attribute(XmlName.of(XBOSH, "version")), body.attribute("ver"),
                number(body, "wait"), number(body, "hold"), number(body, "pause"), terminate, restart,
                body.elements());
    }

    public boolean creation() {
        return sid == null;
    }

    /** Whether the request carries nothing: no payload, no restart, pause or terminate. */
    public boolean empty() {
        return payload.isEmpty() && !restart && pause == null && !terminate;
    }

    private static long rid(String value) throws BoshException {
        if (value == null) {
            throw bad("'rid' is required");
        }
        try {
            long rid = Long.parseLong(value.trim());
            if (rid < 1 || rid > MAX_RID) {
                throw bad("'rid' must be between 1 and 2^53 - 1");
            }
            return rid;
        } catch (NumberFormatException e) {
            throw bad("'rid' is not a number");
        }
    }

    private static Integer number(Element body, String name) throws BoshException {
        String value = body.attribute(name);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw bad("'" + name + "' must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad("'" + name + "' is not a number");
        }
    }

    private static BoshException bad(String message) {
        return new BoshException(BoshCondition.BAD_REQUEST, message);
    }
}
