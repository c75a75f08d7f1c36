package im.meerkat.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Messages stored while a user was offline reach the client before messages routed to the
 * session once it became available (RFC 6120 §10.1 order, XEP-0160 §3).
 */
class LocalSessionTest {

    private final FakeChannel channel = new FakeChannel("node1", "c1");
    private final LocalSession session = new LocalSession(Jid.of("alice@example.org/desk"),
            channel, 0);

    @Test
    void whatIsRoutedWhileStoredMessagesAreWrittenFollowsThem() {
        session.holdLive();
        session.send(message("live 1"));
        session.sendStored(message("stored"));
        session.send(message("live 2"));
        session.releaseLive();
        session.send(message("live 3"));

        assertEquals(List.of("stored", "live 1", "live 2", "live 3"),
                channel.sent().stream().map(e -> e.attribute("id")).toList());
    }

    @Test
    void withoutHoldingEverythingGoesOutAtOnce() {
        session.send(message("live 1"));
        session.releaseLive();
        session.send(message("live 2"));

        assertEquals(List.of("live 1", "live 2"),
                channel.sent().stream().map(e -> e.attribute("id")).toList());
    }

    private static Element message(String id) {
        return Element.builder(im.meerkat.xmpp.xml.XmlName.of("jabber:client", "message"))
                .attribute("id", id).build();
    }
}
