package im.meerkat.server.iq;

import static org.junit.jupiter.api.Assertions.assertThrows;

import im.meerkat.server.routing.Xml;
import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;

/** Builds IQ requests as the dispatcher hands them to a handler, for handler tests. */
public final class Requests {

    private Requests() {
    }

    /** A request written as XML in jabber:client, sent by {@code from}, for the given scope. */
    public static IqRequest request(String from, IqScope scope, String iqXml) {
        try {
            Iq iq = (Iq) Stanza.of(Xml.parse(iqXml)).withFrom(Jid.of(from));
            iq.validate();
            return new IqRequest(iq, new LocalSession(Jid.of(from), null, 0), scope);
        } catch (StanzaErrorException e) {
            throw new IllegalArgumentException(iqXml, e);
        }
    }

    /** The handler's answer, which must be a result; its payload or null when it has none. */
    public static Element result(IqHandler handler, IqRequest request) {
        try {
            Iq reply = handler.handle(request);
            if (reply.type() != Iq.Type.RESULT) {
                throw new AssertionError("not a result: " + reply);
            }
            return reply.payload().orElse(null);
        } catch (StanzaErrorException e) {
            throw new AssertionError("refused with " + e.error(), e);
        }
    }

    /** The condition the handler refuses the request with. */
    public static StanzaErrorCondition refusal(IqHandler handler, IqRequest request) {
        return assertThrows(StanzaErrorException.class, () -> handler.handle(request))
                .error().condition();
    }
}
