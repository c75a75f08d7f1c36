package im.meerkat.server.pep;

import im.meerkat.server.roster.RosterStore;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether an entity may read a node of an account (XEP-0060 §4.5, §6.5.3-§6.5.4; XEP-0163
 * §4.2): the owner always; for {@code presence}, a contact the owner's roster gives a
 * subscription {@code from} or {@code both}; for {@code open}, anyone; for {@code whitelist},
 * the owner alone.
 */
@ApplicationScoped
public class PepAccess {

    private RosterStore roster;

    /** For the container's proxy. */
    protected PepAccess() {
    }

    @Inject
    public PepAccess(RosterStore roster) {
        this.roster = roster;
    }

    public boolean mayRead(Jid owner, Jid requester, NodeConfig config) {
        if (owner.bare().equals(requester.bare())) {
            return true;
        }
        return switch (config.access()) {
            case OPEN -> true;
            case PRESENCE -> subscribed(owner, requester);
            case WHITELIST -> false;
        };
    }

    /**
     * @throws StanzaErrorException the error XEP-0060 §6.5 gives for items the requester may not
     *     read: {@code <not-authorized/>} with {@code <presence-subscription-required/>}
     *     (§6.5.3), {@code <not-allowed/>} with {@code <closed-node/>} (§6.5.4)
     */
    void checkRead(Jid owner, Jid requester, NodeConfig config) throws StanzaErrorException {
        if (mayRead(owner, requester, config)) {
            return;
        }
        throw switch (config.access()) {
            case PRESENCE -> PubSub.error(StanzaErrorCondition.NOT_AUTHORIZED,
                    "presence-subscription-required");
            default -> PubSub.error(StanzaErrorCondition.NOT_ALLOWED, "closed-node");
        };
    }

    private boolean subscribed(Jid owner, Jid contact) {
        return roster.item(owner.bare(), contact.bare())
                .map(i -> i.state().subscription().from()).orElse(false);
    }
}
