package im.meerkat.server.iq;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registry of {@link IqHandler}s, by payload name, and the processing of an IQ request the
 * server answers (RFC 6120 §8.2.3): validation, handler lookup, the result or error reply, which
 * goes to the requester alone. A payload no handler knows gets {@code <service-unavailable/>}
 * (RFC 6120 §8.4).
 */
@ApplicationScoped
public class IqDispatcher {

    private static final Logger LOG = Logger.getLogger(IqDispatcher.class.getName());

    private Iterable<IqHandler> discovered;
    private Map<XmlName, IqHandler> handlers;
    private ServerRequests requests;

    /** For the container's proxy. */
    protected IqDispatcher() {
    }

    @Inject
    public IqDispatcher(@Any Instance<IqHandler> handlers) {
        this.discovered = handlers;
    }

    /** For tests: these handlers. */
    public IqDispatcher(Iterable<IqHandler> handlers) {
        this.discovered = handlers;
        register();
    }

    /** Responses to the requests the server sends go there. */
    @Inject
    public void useRequests(ServerRequests serverRequests) {
        this.requests = serverRequests;
    }

    @PostConstruct
    void register() {
        Map<XmlName, IqHandler> map = new HashMap<>();
        for (IqHandler h : discovered) {
            IqHandler previous = map.putIfAbsent(h.payload(), h);
            if (previous != null) {
                throw new IllegalStateException("two IQ handlers for " + h.payload());
            }
        }
        handlers = Collections.unmodifiableMap(map);
    }

    /** The features of the handlers that answer for the server, sorted (XEP-0030 §3.1). */
    public Set<String> serverFeatures() {
        Set<String> features = new TreeSet<>();
        for (IqHandler h : handlers.values()) {
            if (h.scopes().contains(IqScope.SERVER)) {
                features.addAll(h.features());
            }
        }
        return features;
    }

    /** The features handlers add to disco#info on an account's bare JID, sorted. */
    public Set<String> accountFeatures() {
        Set<String> features = new TreeSet<>();
        for (IqHandler h : handlers.values()) {
            features.addAll(h.accountFeatures());
        }
        return features;
    }

    /**
     * Answers an IQ the server handles. A request gets exactly one reply; a result or error is
     * consumed without one. {@code scope} null means the IQ had no {@code to} (RFC 6120
     * §10.3.3): the handler answers for the account when it can, else for the server.
     */
    public void dispatch(LocalSession sender, Iq iq, IqScope scope) {
        if (!iq.isRequest()) {
            // a response to a request the server sent; any other is dropped (RFC 6120 §8.2.3)
            if (requests != null && iq.type() != null) {
                requests.response(sender, iq);
            }
            return;
        }
        Iq reply;
        IqRequest request = null;
        try {
            iq.validate();
            IqHandler handler = handlers.get(iq.payload().orElseThrow().name());
            IqScope effective = effectiveScope(handler, scope);
            if (effective == null) {
                throw new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
            request = new IqRequest(iq, sender, effective);
            reply = Objects.requireNonNull(handler.handle(request), "handler gave no reply");
        } catch (StanzaErrorException e) {
            reply = (Iq) iq.errorReply(e.error());
            request = null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IQ handler failed for " + sender.jid(), e);
            reply = (Iq) iq.errorReply(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
            request = null;
        }
        sender.send(reply.element());
        if (request != null) {
            request.afterReplyActions().forEach(Runnable::run);
        }
    }

    private static IqScope effectiveScope(IqHandler handler, IqScope asked) {
        if (handler == null) {
            return null;
        }
        Set<IqScope> scopes = handler.scopes();
        if (asked != null) {
            return scopes.contains(asked) ? asked : null;
        }
        if (scopes.contains(IqScope.OWN_ACCOUNT)) {
            return IqScope.OWN_ACCOUNT;
        }
        return scopes.contains(IqScope.SERVER) ? IqScope.SERVER : null;
    }
}
