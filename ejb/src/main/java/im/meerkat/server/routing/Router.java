package im.meerkat.server.routing;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.iq.IqDispatcher;
import im.meerkat.server.iq.IqScope;
import im.meerkat.server.presence.PresenceService;
import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where a stanza from a bound client goes (RFC 6120 §10): no {@code to} (§10.3), a served
 * domain (the server handles it), an account of a served domain ({@link Delivery}, RFC 6121
 * §8.5), or another domain ({@code <remote-server-not-found/>} until server-to-server streams
 * exist, §10.4.3). Errors go back to the sender alone and never answer an error (§8.3.1).
 */
@ApplicationScoped
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private ServerConfig config;
    private Delivery delivery;
    private PresenceService presence;
    private IqDispatcher iqs;
    private Event<MessageRouting> routing;
    private List<StanzaFilter> filters = List.of();
    private List<MessageCopies> copies = List.of();
    private List<LocalService> services = List.of();

    /** For the container's proxy. */
    protected Router() {
    }

    /** For tests: no {@link MessageRouting} events. */
    public Router(ServerConfig config, Delivery delivery, PresenceService presence,
            IqDispatcher iqs) {
        this(config, delivery, presence, iqs, null);
    }

    @Inject
    public Router(ServerConfig config, Delivery delivery, PresenceService presence,
            IqDispatcher iqs, Event<MessageRouting> routing) {
        this.config = config;
        this.delivery = delivery;
        this.presence = presence;
        this.iqs = iqs;
        this.routing = routing;
    }

    @Inject
    void useHooks(@Any Instance<StanzaFilter> filterBeans, @Any Instance<MessageCopies> copyBeans) {
        useHooks(filterBeans.stream().toList(), copyBeans.stream().toList());
    }

    @Inject
    void useServices(@Any Instance<LocalService> serviceBeans) {
        useServices(serviceBeans.stream().toList());
    }

    /** The services at addresses of their own (HTTP File Upload, the SOCKS5 proxy, PubSub), or for tests any others. */
    public void useServices(List<LocalService> localServices) {
        this.services = List.copyOf(localServices);
    }

    /** Block lists (XEP-0191) and message carbons (XEP-0280), or for tests any others. */
    public void useHooks(List<StanzaFilter> stanzaFilters, List<MessageCopies> messageCopies) {
        this.filters = List.copyOf(stanzaFilters);
        this.copies = List.copyOf(messageCopies);
    }

    /** Routes one stanza that {@code sender} sent, its {@code from} already stamped. */
    public void route(LocalSession sender, Stanza stanza) {
        if (refused(sender, stanza)) {
            return;
        }
        LocalService service = stanza.to() == null ? null : serviceAt(stanza.to());
        if (service != null) {
            service.receive(sender, stanza);
            return;
        }
        if (stanza instanceof Iq iq) {
            routeIq(sender, iq);
        } else if (stanza instanceof Message message) {
            routeMessage(sender, message);
        } else if (stanza instanceof Presence p) {
            routePresence(sender, p);
        }
    }

    private void routeIq(LocalSession sender, Iq iq) {
        Jid to = iq.to();
        if (to == null) {
            iqs.dispatch(sender, iq, null);
        } else if (!config.serves(to.domain())) {
            bounce(sender, iq, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND);
        } else if (to.localOrNull() == null) {
            iqs.dispatch(sender, iq, IqScope.SERVER);
        } else if (to.isBare()) {
            // RFC 6120 §10.5.3.3: the server answers on behalf of the account
            iqs.dispatch(sender, iq,
                    to.equals(sender.jid().bare()) ? IqScope.OWN_ACCOUNT : IqScope.OTHER_ACCOUNT);
        } else if (iq.type() == null || (iq.isRequest() && iq.payload().isEmpty())) {
            bounce(sender, iq, StanzaErrorCondition.BAD_REQUEST);
        } else {
            delivery.deliver(iq).ifPresent(c -> bounce(sender, iq, c));
        }
    }

    private LocalService serviceAt(Jid to) {
        if (to.localOrNull() != null) {
            return null;
        }
        for (LocalService service : services) {
            if (service.isAt(to.domain())) {
                return service;
            }
        }
        return null;
    }

    private void routeMessage(LocalSession sender, Message message) {
        Jid to = message.to();
        if (to == null) {
            // RFC 6120 §10.3.1: as if addressed to the sender's bare JID
            Message toSelf = observed(sender, message.withTo(sender.jid().bare()));
            delivery.deliver(toSelf).ifPresent(c -> bounce(sender, toSelf, c));
        } else if (!config.serves(to.domain())) {
            bounce(sender, message, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND);
        } else if (to.localOrNull() == null) {
            // The server itself takes no messages (yet: no announcements or services).
            bounce(sender, message, StanzaErrorCondition.SERVICE_UNAVAILABLE);
        } else {
            Message observed = observed(sender, message);
            Optional<StanzaErrorCondition> error = delivery.deliver(observed);
            error.ifPresent(c -> bounce(sender, observed, c));
            if (error.isEmpty()) {
                copies.forEach(c -> c.sent(sender, observed));
            }
        }
    }

    /** Whether a {@link StanzaFilter} stopped the stanza, which then has been answered or dropped. */
    private boolean refused(LocalSession sender, Stanza stanza) {
        for (StanzaFilter filter : filters) {
            Optional<StanzaFilter.Refusal> refusal = filter.check(stanza);
            if (refusal.isPresent()) {
                StanzaError error = refusal.get().error();
                if (error != null) {
                    bounce(sender, stanza, error);
                }
                return true;
            }
        }
        return false;
    }

    /** The message as {@link MessageRouting} observers (the archive) have it delivered. */
    private Message observed(LocalSession sender, Message message) {
        if (routing == null) {
            return message;
        }
        MessageRouting event = new MessageRouting(sender.jid(), message);
        routing.fire(event);
        return event.message();
    }

    private void routePresence(LocalSession sender, Presence p) {
        if (p.type() == null) {
            bounce(sender, p, StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        Jid to = p.to();
        if (to == null) {
            presence.broadcast(sender, p);
            return;
        }
        if (p.type().isSubscription() || p.type() == Presence.Type.PROBE) {
            // RFC 6121 §3 and §4.3: the roster decides; the user's side changes even when the
            // contact's server cannot be reached
            presence.addressed(sender, p);
            if (!config.serves(to.domain())) {
                bounce(sender, p, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND);
            }
            return;
        }
        presence.directed(sender, p);
        if (!config.serves(to.domain())) {
            bounce(sender, p, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND);
        } else if (to.localOrNull() != null) {
            delivery.deliver(p); // presence to an absent or unknown entity is dropped (§8.5)
        }
        // Directed presence to a served domain itself: nothing to do.
    }

    private static void bounce(LocalSession sender, Stanza stanza, StanzaErrorCondition condition) {
        bounce(sender, stanza, StanzaError.of(condition));
    }

    private static void bounce(LocalSession sender, Stanza stanza, StanzaError error) {
        if (stanza.isError() || (stanza instanceof Iq iq && !iq.isRequest() && iq.type() != null)) {
            return; // never answer an error, nor a response (RFC 6120 §8.3.1, §8.2.3)
        }
        sender.send(stanza.errorReply(error).element());
    }
}
