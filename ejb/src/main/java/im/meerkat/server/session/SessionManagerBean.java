package im.meerkat.server.session;

import im.meerkat.server.routing.Router;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session layer's entry point for the stream layer (RFC 6120 §7 binding, §8-10 stanzas of
 * bound sessions). Bean-managed concurrency: every method runs in parallel, the registry and the
 * router are thread-safe and take no global lock. No transaction: routing touches no database,
 * and the account store starts its own when a handler needs it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionManagerBean implements SessionManager {

    private static final Logger LOG = Logger.getLogger(SessionManagerBean.class.getName());

    @Inject
    private SessionRegistry registry;

    @Inject
    private Router router;

    @Inject
    private UnackedStanzas unacked;

    /** For the container. */
    public SessionManagerBean() {
    }

    /** For tests: unacknowledged stanzas of ended sessions are dropped. */
    public SessionManagerBean(SessionRegistry registry, Router router) {
        this(registry, router, null);
    }

    /** For tests. */
    public SessionManagerBean(SessionRegistry registry, Router router, UnackedStanzas unacked) {
        this.registry = registry;
        this.router = router;
        this.unacked = unacked;
    }

    @Override
    public Jid bind(Jid account, String resource, StreamChannel channel)
            throws StanzaErrorException {
        return registry.bind(account, resource, channel).jid();
    }

    @Override
    public void received(ChannelId channel, Stanza stanza) {
        LocalSession session = registry.session(channel);
        if (session == null) {
            LOG.log(Level.FINE, "stanza from {0}, which has no bound session; dropped", channel);
            return;
        }
        router.route(session, stanza);
    }

    @Override
    public void unbind(ChannelId channel) {
        registry.unbind(channel);
    }

    @Override
    public void unbind(ChannelId channel, List<Element> unacknowledged) {
        if (unacknowledged.isEmpty()) {
            registry.unbind(channel);
        } else if (!registry.unbind(channel, session -> undelivered(unacknowledged))) {
            undelivered(unacknowledged);
        }
    }

    private void undelivered(List<Element> stanzas) {
        if (unacked == null) {
            LOG.log(Level.FINE, "{0} unacknowledged stanzas dropped (no delivery)", stanzas.size());
            return;
        }
        unacked.undelivered(stanzas);
    }
}
