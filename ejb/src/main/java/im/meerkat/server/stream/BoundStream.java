package im.meerkat.server.stream;

import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.ejb.EJBException;
import java.lang.System.Logger.Level;

/**
 * A client stream after authentication: resource binding (RFC 6120 §7), the legacy session
 * request (RFC 3921 §3, answered with an empty result), and then every stanza, its {@code from}
 * stamped with the bound full JID (RFC 6120 §8.1.2.1), handed to the session manager.
 */
final class BoundStream {

    private static final System.Logger LOG = System.getLogger(BoundStream.class.getName());
    private static final XmlName RESOURCE = XmlName.of(Namespaces.BIND, "resource");
    private static final XmlName JID = XmlName.of(Namespaces.BIND, "jid");

    private final ClientStream stream;
    private final StreamEnvironment env;
    private Jid fullJid;

    BoundStream(ClientStream stream, StreamEnvironment env) {
        this.stream = stream;
        this.env = env;
    }

    void handle(Element element) {
        if (!Stanza.isStanza(element) || !element.namespace().equals(Namespaces.CLIENT)) {
            if (stream.state() == StreamState.AWAIT_BIND) {
                stream.fail(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first");
            } else {
                stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "not a stanza: " + element.name());
            }
            return;
        }
        boolean isRequest = element.localName().equals("iq")
                && ("set".equals(element.attribute("type")) || "get".equals(element.attribute("type")));
        boolean bindRequest = isRequest && element.hasChild(StreamFeatures.BIND);
        boolean sessionRequest = isRequest && element.hasChild(StreamFeatures.SESSION);
        if (stream.state() == StreamState.AWAIT_BIND) {
            if (bindRequest) {
                bind(element);
            } else {
                stream.fail(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first");
            }
        } else if (bindRequest) {
            reply(element, StanzaError.of(StanzaErrorCondition.NOT_ALLOWED, "a resource is already bound"));
        } else if (sessionRequest) {
            stream.send(Iq.builder(Iq.Type.RESULT).id(element.attribute("id")).build().element());
        } else {
            route(element);
        }
    }

    private void bind(Element element) {
        Iq iq;
        try {
            iq = (Iq) Stanza.of(element);
            iq.validate();
            if (iq.type() != Iq.Type.SET) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "bind is a set");
            }
        } catch (StanzaErrorException e) {
            reply(element, e.error());
            return;
        }
        String resource = iq.payload().orElseThrow().childText(RESOURCE).map(String::trim).orElse(null);
        SessionChannel session = stream.resumptions().newSession(stream.channel());
        try {
            fullJid = env.sessions().bind(stream.account(), resource, session);
        } catch (StanzaErrorException e) {
            stream.send(iq.errorReply(e.error()).element());
            return;
        } catch (EJBException e) {
            LOG.log(Level.WARNING, "binding a resource for " + stream.account() + " failed", e);
            stream.send(iq.errorReply(StanzaErrorCondition.INTERNAL_SERVER_ERROR).element());
            return;
        }
        stream.bound(session, fullJid);
        stream.send(Iq.builder(Iq.Type.RESULT).id(iq.id())
                .child(Element.builder(StreamFeatures.BIND).child(JID, fullJid.toString()).build())
                .build().element());
    }

    private void route(Element element) {
        String from = element.attribute("from");
        if (from != null && !Jid.tryOf(from).map(f -> f.equals(fullJid) || f.equals(fullJid.bare())).orElse(false)) {
            // RFC 6120 §8.1.2.1: a from that is not the client's own address ends the stream.
            stream.fail(StreamErrorCondition.INVALID_FROM, "from must be " + fullJid + " or empty");
            return;
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (StanzaErrorException e) {
            reply(element, e.error());
            return;
        }
        try {
            env.sessions().received(stream.session().id(), stanza.withFrom(fullJid));
        } catch (EJBException e) {
            LOG.log(Level.WARNING, "stanza from " + fullJid + " was not handled", e);
            if (!stanza.isError()) {
                stream.send(stanza.withFrom(fullJid).errorReply(StanzaErrorCondition.INTERNAL_SERVER_ERROR).element());
            }
        }
    }

    /** The stream took over a session by resumption (XEP-0198 §5). */
    void resumed(Jid resumedJid) {
        fullJid = resumedJid;
    }

    /** An error reply to an element that may not parse as a stanza (a bad {@code to}, say). */
    private void reply(Element element, StanzaError error) {
        if ("error".equals(element.attribute("type"))) {
            return; // RFC 6120 §8.3.1: never answer an error with an error
        }
        Element.Builder b = Element.builder(element.name())
                .attribute("id", element.attribute("id"))
                .attribute("type", "error")
                .attribute("to", fullJid == null ? null : fullJid.toString());
        element.elements().forEach(b::child);
        stream.send(b.child(error.toElement(element.namespace())).build());
    }
}
