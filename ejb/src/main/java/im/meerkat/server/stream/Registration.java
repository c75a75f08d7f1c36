package im.meerkat.server.stream;

import im.meerkat.server.account.AccountException;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.InvalidJidException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.ejb.EJBException;
import java.lang.System.Logger.Level;

/**
 * In-band registration before authentication (XEP-0077 §3.1), when the server enables it: a
 * {@code get} returns the fields, a {@code set} creates the account. One account per stream;
 * changing or removing an account needs an authenticated session.
 */
final class Registration {

    static final String NAMESPACE = "jabber:iq:register";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final System.Logger LOG = System.getLogger(Registration.class.getName());

    private final ClientStream stream;
    private final StreamEnvironment env;
    private boolean registered;

    Registration(ClientStream stream, StreamEnvironment env) {
        this.stream = stream;
        this.env = env;
    }

    /** An IQ carrying a registration query. */
    static boolean handles(Element element) {
        return element.is(Namespaces.CLIENT, "iq") && element.hasChild(QUERY);
    }

    void handle(Element element) {
        Iq iq;
        try {
            iq = (Iq) Stanza.of(element);
            iq.validate();
        } catch (StanzaErrorException e) {
            stream.fail(StreamErrorCondition.NOT_AUTHORIZED, "only a valid registration IQ is allowed before authentication");
            return;
        }
        if (!iq.isRequest()) {
            return; // a result or error for us: nothing to answer (RFC 6120 §8.2.3)
        }
        try {
            stream.send(answer(iq).element());
        } catch (StanzaErrorException e) {
            stream.send(iq.errorReply(e.error()).element());
        }
    }

    private Iq answer(Iq iq) throws StanzaErrorException {
        if (!env.config().inBandRegistration()) {
            throw new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
        Element query = iq.payload().orElseThrow();
        if (iq.type() == Iq.Type.GET) {
            return iq.result(Element.builder(QUERY)
                    .child(child("instructions", "Choose a username and password."))
                    .child(child("username", null))
                    .child(child("password", null))
                    .build());
        }
        if (query.hasChild(XmlName.of(NAMESPACE, "remove"))) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED, "log in to remove an account");
        }
        String username = query.childText(XmlName.of(NAMESPACE, "username")).orElse("");
        String password = query.childText(XmlName.of(NAMESPACE, "password")).orElse("");
        if (username.isEmpty() || password.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "username and password are required");
        }
        if (registered) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED, "one registration per connection");
        }
        Jid account;
        try {
            account = Jid.of(username, stream.domain(), null);
        } catch (InvalidJidException e) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "invalid username: " + e.getMessage());
        }
        try {
            env.accounts().create(account, password);
        } catch (AccountException e) {
            throw new StanzaErrorException(switch (e.reason()) {
                case EXISTS -> StanzaErrorCondition.CONFLICT;
                case INVALID, NOT_FOUND -> StanzaErrorCondition.NOT_ACCEPTABLE;
            }, e.getMessage());
        } catch (EJBException e) {
            LOG.log(Level.WARNING, "registration of " + account + " failed", e);
            throw new StanzaErrorException(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
        }
        registered = true;
        LOG.log(Level.INFO, "registered {0} in band", account);
        return iq.result();
    }

    private static Element child(String local, String text) {
        return Element.builder(NAMESPACE, local).text(text).build();
    }
}
