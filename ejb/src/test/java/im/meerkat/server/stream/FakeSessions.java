package im.meerkat.server.stream;

import im.meerkat.server.session.SessionManager;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.List;

/** A session manager that binds any resource except "taken" and records what it is given. */
final class FakeSessions implements SessionManager {

    final List<Jid> bound = new ArrayList<>();
    final List<StreamChannel> channels = new ArrayList<>();
    final List<Stanza> received = new ArrayList<>();
    final List<ChannelId> unbound = new ArrayList<>();
    final List<Element> undelivered = new ArrayList<>();
    /** Runs at each unbind, before it is recorded: a test may make it slow. */
    volatile Runnable onUnbind = () -> { };

    @Override
    public Jid bind(Jid account, String resource, StreamChannel channel) throws StanzaErrorException {
        if ("taken".equals(resource)) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED);
        }
        Jid full = account.withResource(resource == null || resource.isEmpty() ? "generated" : resource);
        bound.add(full);
        channels.add(channel);
        return full;
    }

    @Override
    public void received(ChannelId channel, Stanza stanza) {
        received.add(stanza);
    }

    @Override
    public void unbind(ChannelId channel) {
        onUnbind.run();
        unbound.add(channel);
    }

    @Override
    public void unbind(ChannelId channel, List<Element> unacknowledged) {
        onUnbind.run();
        unbound.add(channel);
        undelivered.addAll(unacknowledged);
    }
}
