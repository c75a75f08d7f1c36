package im.meerkat.server.carbons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import org.junit.jupiter.api.Test;

/** Which messages are copied (XEP-0280 §6, §9) and what a copy looks like (§7, §8). */
class CarbonsTest {

    private static Message message(String xml) throws Exception {
        return (Message) Stanza.of(Xml.parse(xml));
    }

    @Test
    void chatAndNormalWithABodyAreEligible() throws Exception { // §6
        assertTrue(Carbons.eligible(message("<message type='chat' to='b@x'/>")));
        assertTrue(Carbons.eligible(message("<message to='b@x'><body>hi</body></message>")));
        assertTrue(Carbons.eligible(message("<message type='normal' to='b@x'><body>hi</body></message>")));
    }

    @Test
    void normalWithoutBodyGroupchatHeadlineAndErrorsAreNot() throws Exception { // §6
        assertFalse(Carbons.eligible(message("<message to='b@x'><thread>t</thread></message>")));
        assertFalse(Carbons.eligible(message("<message type='groupchat' to='b@x'><body>x</body></message>")));
        assertFalse(Carbons.eligible(message("<message type='headline' to='b@x'><body>x</body></message>")));
        assertFalse(Carbons.eligible(message("<message type='error' to='b@x'><body>x</body></message>")));
    }

    @Test
    void privateNoCopyMucAndCopiesAreNot() throws Exception { // §9, XEP-0334 §4.2, §6
        assertFalse(Carbons.eligible(message("<message type='chat' to='b@x'><body>x</body>"
                + "<private xmlns='urn:xmpp:carbons:2'/></message>")));
        assertFalse(Carbons.eligible(message("<message type='chat' to='b@x'><body>x</body>"
                + "<no-copy xmlns='urn:xmpp:hints'/></message>")));
        assertFalse(Carbons.eligible(message("<message type='chat' to='b@x'><body>x</body>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'/></message>")));
        assertFalse(Carbons.eligible(message("<message type='chat' to='b@x'>"
                + "<received xmlns='urn:xmpp:carbons:2'/></message>")));
    }

    @Test
    void privateIsRemovedForTheRecipientAndNothingElse() throws Exception { // §9
        Message m = message("<message type='chat' to='b@x'><body>x</body>"
                + "<private xmlns='urn:xmpp:carbons:2'/></message>");
        Message stripped = Carbons.withoutPrivate(m);
        assertFalse(stripped.element().hasChild(Carbons.PRIVATE));
        assertEquals("x", stripped.body());
        assertEquals(Jid.of("b@x"), stripped.to());
        Message plain = message("<message type='chat' to='b@x'><body>x</body></message>");
        assertSame(plain, Carbons.withoutPrivate(plain));
    }

    @Test
    void aCopyIsFromTheBareJidAndForwardsTheMessage() throws Exception { // §7
        Message original = message("<message type='chat' from='j@c/b' to='r@m/garden' id='m1'>"
                + "<body>hi</body></message>");
        Message copy = Carbons.copy(Carbons.RECEIVED, Jid.of("r@m"), Jid.of("r@m/home"), original);
        assertEquals(Message.Type.CHAT, copy.type());
        assertEquals(Jid.of("r@m"), copy.from());
        assertEquals(Jid.of("r@m/home"), copy.to());
        Element received = copy.element().child(Carbons.RECEIVED).orElseThrow();
        Element forwarded = received.child(XmlName.of(Carbons.FORWARD, "forwarded")).orElseThrow();
        assertEquals(original.element(), forwarded.elements().get(0));
    }
}
