package im.meerkat.server.iq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.routing.Xml;
import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** IQ requests the server sends to a client, and the responses it takes back (RFC 6120 §8.2.3). */
class ServerRequestsTest {

    private static final Jid DOMAIN = Jid.domain("example.org");
    private static final Element QUERY = Xml.parse(
            "<query xmlns='http://jabber.org/protocol/disco#info' node='n#v'/>");

    private final ServerRequests requests = new ServerRequests();
    private final FakeChannel channel = new FakeChannel("n1", "c1");
    private final LocalSession alice = new LocalSession(Jid.of("alice@example.org/desk"), channel,
            0);
    private final LocalSession mallory = new LocalSession(Jid.of("mallory@example.org/x"),
            new FakeChannel("n1", "c2"), 0);

    private static Iq response(String xml) throws Exception {
        return (Iq) Stanza.of(Xml.parse(xml));
    }

    @Test
    void theResultFromTheAskedClientCompletesTheRequest() throws Exception {
        CompletableFuture<Iq> answer = requests.send(alice, DOMAIN, Iq.Type.GET, QUERY,
                Duration.ofSeconds(30));
        Element sent = channel.sent().get(0);
        assertEquals("get", sent.attribute("type"));
        assertEquals("example.org", sent.attribute("from"));
        assertEquals("alice@example.org/desk", sent.attribute("to"));
        String id = sent.attribute("id");

        // the same id from someone else is not an answer
        assertFalse(requests.response(mallory, response("<iq type='result' id='" + id + "'/>")));
        assertFalse(answer.isDone());
        assertFalse(requests.response(alice, response("<iq type='result' id='other'/>")));

        assertTrue(requests.response(alice, response("<iq type='error' id='" + id + "'>"
                + "<error type='cancel'><item-not-found"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>")));
        assertEquals(Iq.Type.ERROR, answer.get(1, TimeUnit.SECONDS).type());
        assertFalse(requests.response(alice, response("<iq type='result' id='" + id + "'/>")),
                "answered once");
        assertEquals(0, requests.outstanding());
    }

    @Test
    void withoutAnAnswerTheRequestTimesOut() {
        CompletableFuture<Iq> answer = requests.send(alice, DOMAIN, Iq.Type.GET, QUERY,
                Duration.ofMillis(50));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> answer.get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(0, requests.outstanding());
    }

    @Test
    void aClosedStreamFailsTheRequestAtOnce() {
        channel.drop();
        CompletableFuture<Iq> answer = requests.send(alice, DOMAIN, Iq.Type.GET, QUERY,
                Duration.ofSeconds(30));
        assertTrue(answer.isCompletedExceptionally());
        assertEquals(0, requests.outstanding());
    }
}
