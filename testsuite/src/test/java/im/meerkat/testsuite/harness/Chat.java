package im.meerkat.testsuite.harness;

import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.Jid;

/** Building and sending the stanzas tests exchange. */
public final class Chat {

    private Chat() {
    }

    public static Message message(XMPPConnection from, Jid to, Message.Type type, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to).ofType(type).setBody(body)
                .build();
    }

    public static void send(XMPPConnection from, Jid to, String body) {
        sendStanza(from, message(from, to, Message.Type.chat, body));
    }

    /** Broadcast available presence with a priority (RFC 6121 §4.7.2.3). */
    public static void available(XMPPConnection connection, int priority) {
        sendStanza(connection, connection.getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available).setPriority(priority).build());
    }

    public static void sendStanza(XMPPConnection connection,
            org.jivesoftware.smack.packet.Stanza stanza) {
        try {
            connection.sendStanza(stanza);
        } catch (NotConnectedException e) {
            throw new AssertionError("not connected: " + connection.getUser(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Checks that two connected users can still exchange a message both ways: the proof, after
     * bad input elsewhere, that the server is healthy.
     */
    public static void assertChatting(XMPPConnection a, XMPPConnection b) {
        String marker = "still there " + System.nanoTime();
        try (Inbox atB = Inbox.messages(b, FromMatchesFilter.createFull(a.getUser()));
                Inbox atA = Inbox.messages(a, FromMatchesFilter.createFull(b.getUser()))) {
            send(a, b.getUser(), marker);
            Message got = atB.nextMessage("a message from " + a.getUser() + " to " + b.getUser());
            if (!marker.equals(got.getBody())) {
                throw new AssertionError("expected body '" + marker + "', got " + got.toXML());
            }
            send(b, a.getUser(), marker);
            Message back = atA.nextMessage("the answer from " + b.getUser());
            if (!marker.equals(back.getBody())) {
                throw new AssertionError("expected body '" + marker + "', got " + back.toXML());
            }
        }
    }
}
