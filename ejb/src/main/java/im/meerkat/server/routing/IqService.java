package im.meerkat.server.routing;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link LocalService} that only answers IQ requests: a valid request (one payload) gets the
 * answer of {@link #handle}, an invalid one its error; responses are dropped (RFC 6120 §8.2.3);
 * messages get {@code <service-unavailable/>} and presence is dropped.
 */
public abstract class IqService implements LocalService {

    private static final Logger LOG = Logger.getLogger(IqService.class.getName());

    /**
     * Answers a valid IQ request ({@code get} or {@code set}, one payload) from a local user.
     *
     * @throws StanzaErrorException to answer with that error instead
     */
    public abstract Iq handle(Jid from, Iq request) throws StanzaErrorException;

    @Override
    public void receive(LocalSession sender, Stanza stanza) {
        if (stanza instanceof Iq iq && iq.isRequest()) {
            Iq reply;
            try {
                iq.validate();
                reply = handle(sender.jid(), iq);
            } catch (StanzaErrorException e) {
                reply = (Iq) iq.errorReply(e.error());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name() + " failed for " + sender.jid(), e);
                reply = (Iq) iq.errorReply(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
            }
            sender.send(reply.element());
        } else if (stanza instanceof Message message && !message.isError()) {
            sender.send(message.errorReply(StanzaErrorCondition.SERVICE_UNAVAILABLE).element());
        }
    }
}
