package im.meerkat.server.pep;

import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.disco.ServerFeatures;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's own disco#info announces that its accounts are PEP services: the identity {@code
 * pubsub/pep} and the pubsub features of the PEP service, as XEP-0163 1.1 §9 asked of servers
 * and as clients still check (Smack's OMEMO and OpenPGP support look for {@code
 * http://jabber.org/protocol/pubsub} and {@code #access-whitelist} on the server). The same list
 * is on each account's bare JID (XEP-0163 §9 now), where the PEP requests are answered.
 */
@ApplicationScoped
public class PepServerDisco implements ServerFeatures {

    @Override
    public Set<String> features() {
        Set<String> features = new LinkedHashSet<>();
        features.add(PubSub.NAMESPACE);
        PubSubHandler.FEATURES.forEach(f -> features.add(PubSub.NAMESPACE + "#" + f));
        return features;
    }

    @Override
    public List<Element> identities() {
        return List.of(Element.builder(XmlName.of(DiscoInfoHandler.NAMESPACE, "identity"))
                .attribute("category", "pubsub").attribute("type", "pep").build());
    }
}
