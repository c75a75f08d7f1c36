package im.meerkat.server.session;

import im.meerkat.server.routing.Delivery;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What becomes of the stanzas a session's client never acknowledged (XEP-0198 §5) once the
 * session has ended: they are handled as stanzas to an unavailable resource (RFC 6121 §8.5.3.2).
 * A {@code normal}, {@code chat} or {@code headline} message goes by the bare JID's rules (another
 * available resource, else offline storage; a refusal goes back to the sender as an error); an IQ
 * request is answered with {@code <service-unavailable/>} to its sender; presence, IQ responses,
 * errors and groupchat messages are dropped.
 */
@ApplicationScoped
public class UnackedStanzas {

    private static final Logger LOG = Logger.getLogger(UnackedStanzas.class.getName());

    private Delivery delivery;

    /** For the container's proxy. */
    protected UnackedStanzas() {
    }

    @Inject
    public UnackedStanzas(Delivery delivery) {
        this.delivery = delivery;
    }

    /** Handles each stanza in turn, in the order they were sent to the client. */
    public void undelivered(List<Element> stanzas) {
        for (Element element : stanzas) {
            Stanza stanza;
            try {
                stanza = Stanza.of(element);
            } catch (StanzaErrorException e) {
                LOG.log(Level.FINE, "unacknowledged element is not a stanza; dropped", e);
                continue;
            }
            if (stanza.to() == null || stanza.isError()) {
                continue;
            }
            if (stanza instanceof Message m) {
                message(m);
            } else if (stanza instanceof Iq iq && iq.isRequest()) {
                toSender(iq, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
        }
    }

    private void message(Message m) {
        if (m.type() == Message.Type.GROUPCHAT) {
            return;
        }
        Optional<StanzaErrorCondition> refused = delivery.deliver(m.withTo(m.to().bare()));
        refused.ifPresent(condition -> toSender(m, condition));
    }

    /** An error reply to a sender that is a client of this server (a full JID), else nothing. */
    private void toSender(Stanza stanza, StanzaErrorCondition condition) {
        Jid from = stanza.from();
        if (from != null && from.isFull() && from.localOrNull() != null) {
            delivery.toSession(from, stanza.errorReply(condition));
        }
    }
}
