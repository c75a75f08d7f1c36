package im.meerkat.server.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The server's own entity capabilities (XEP-0115 §6.3): the {@code <c/>} of its stream features
 * carries the verification string (§5.1) of its disco#info, which it answers on {@code node#ver}
 * too (§6.2).
 */
class ServerCapsTest {

    private static final String INFO = DiscoInfoHandler.NAMESPACE;
    private static final XmlName QUERY = XmlName.of(INFO, "query");
    private final TestServer server = new TestServer();
    private final TestServer.Client alice = server.login("alice", "phone");

    private Element ask(String node) {
        alice.send("<iq type='get' id='c1' to='" + TestServer.DOMAIN + "'><query xmlns='" + INFO
                + "'" + (node == null ? "" : " node='" + node + "'") + "/></iq>");
        List<Element> replies = alice.received();
        assertEquals(1, replies.size(), replies::toString);
        return replies.get(0);
    }

    @Test
    void verIsTheHashOfTheServersDiscoInfoAndItsNodeAnswersTheSame() {
        Element info = ask(null).child(QUERY).orElseThrow();
        Element c = ServerCaps.of(info).orElseThrow();
        assertEquals(ServerCaps.C, c.name());
        assertEquals("sha-1", c.attribute("hash"));
        assertEquals(DiscoInfoHandler.CAPS_NODE, c.attribute("node"));
        assertEquals(CapsHash.ver(info).orElseThrow(), c.attribute("ver"));
        // §5.2 example: Base64 of a SHA-1 is 28 characters
        assertEquals(28, c.attribute("ver").length());

        String node = c.attribute("node") + "#" + c.attribute("ver");
        Element onNode = ask(node).child(QUERY).orElseThrow();
        assertEquals(node, onNode.attribute("node"));
        assertEquals(info.elements(), onNode.elements());
        assertEquals(Optional.of(c.attribute("ver")), CapsHash.ver(onNode));
    }

    @Test
    void anotherVerOfTheServersNodeIsNotFound() {
        Element reply = ask(DiscoInfoHandler.CAPS_NODE + "#AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertEquals(Optional.of(StanzaErrorCondition.ITEM_NOT_FOUND), Xml.errorCondition(reply));
    }
}
