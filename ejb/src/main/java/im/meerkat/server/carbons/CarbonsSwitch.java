package im.meerkat.server.carbons;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import java.util.Set;

/**
 * Enabling (XEP-0280 §4) or disabling (§5) carbons for the requesting session: an IQ set,
 * answered with an empty result also when the state does not change (§10.1). The flag goes into
 * the session's record in the replicated table, where every node's routing reads it.
 */
abstract class CarbonsSwitch implements IqHandler {

    private SessionRegistry sessions;

    /** For the container's proxy. */
    protected CarbonsSwitch() {
    }

    protected CarbonsSwitch(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** Whether this handler's element turns carbons on. */
    abstract boolean enables();

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER, IqScope.OWN_ACCOUNT);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (!request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "carbons are switched with an IQ set");
        }
        sessions.carbonsChanged(request.sender(), enables());
        return request.iq().result();
    }
}
