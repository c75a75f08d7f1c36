package im.meerkat.server.blocking;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.routing.StanzaFilter;
import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Enforces block lists in routing (XEP-0191 §4.3). A stanza a user sends to an entity the user
 * blocks is refused with {@code <not-acceptable/>} and {@code <blocked
 * xmlns='urn:xmpp:blocking:errors'/>}. A stanza to a user from an entity the user blocks is not
 * delivered: presence is dropped without an answer, a message and an IQ get or set are answered
 * with {@code <service-unavailable/>} (so the user looks offline), other IQs are dropped. Either
 * way the stanza is neither stored offline nor archived: the router asks before both.
 */
@ApplicationScoped
public class BlockingFilter implements StanzaFilter {

    public static final String ERRORS = "urn:xmpp:blocking:errors";
    static final StanzaError BLOCKED = StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE)
            .withApplicationCondition(Element.builder(ERRORS, "blocked").build());

    private BlockLists lists;
    private ServerConfig config;

    /** For the container's proxy. */
    protected BlockingFilter() {
    }

    @Inject
    public BlockingFilter(BlockLists lists, ServerConfig config) {
        this.lists = lists;
        this.config = config;
    }

    @Override
    public Optional<Refusal> check(Stanza stanza) {
        Jid from = stanza.from();
        Jid to = stanza.to();
        if (from == null || to == null || from.isSameBare(to)) {
            return Optional.empty(); // a user's own resources and account are never blocked
        }
        if (isAccount(from) && lists.of(from.bare()).blocks(to)) {
            return Optional.of(new Refusal(BLOCKED));
        }
        if (isAccount(to) && lists.of(to.bare()).blocks(from)) {
            return Optional.of(inbound(stanza));
        }
        return Optional.empty();
    }

    static Refusal inbound(Stanza stanza) {
        if (stanza instanceof Presence || (stanza instanceof Iq iq && !iq.isRequest())) {
            return Refusal.drop();
        }
        return new Refusal(StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
    }

    private boolean isAccount(Jid jid) {
        return jid.localOrNull() != null && config.serves(jid.domain());
    }
}
