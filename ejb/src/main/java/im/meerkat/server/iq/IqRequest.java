package im.meerkat.server.iq;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.List;

/**
 * One IQ request on its way to a handler: the stanza, the session that sent it and whom the
 * server answers for. A handler that must act after its reply has been written (closing the
 * requester's stream, XEP-0077 §3.2) registers that with {@link #afterReply(Runnable)}.
 */
public final class IqRequest {

    private final Iq iq;
    private final LocalSession sender;
    private final IqScope scope;
    private final List<Runnable> afterReply = new ArrayList<>(0);

    public IqRequest(Iq iq, LocalSession sender, IqScope scope) {
        this.iq = iq;
        this.sender = sender;
        this.scope = scope;
    }

    public Iq iq() {
        return iq;
    }

    /** The single payload element. */
    public Element payload() {
        return iq.payload().orElseThrow();
    }

    public LocalSession sender() {
        return sender;
    }

    /** The requester's full JID. */
    public Jid from() {
        return sender.jid();
    }

    public IqScope scope() {
        return scope;
    }

    public boolean isSet() {
        return iq.type() == Iq.Type.SET;
    }

    /** Runs an action once the reply has been written to the requester. */
    public void afterReply(Runnable action) {
        afterReply.add(action);
    }

    List<Runnable> afterReplyActions() {
        return afterReply;
    }
}
