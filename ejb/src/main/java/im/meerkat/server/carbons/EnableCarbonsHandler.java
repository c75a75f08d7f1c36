package im.meerkat.server.carbons;

import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code <enable xmlns='urn:xmpp:carbons:2'/>} (XEP-0280 §4). */
@ApplicationScoped
public class EnableCarbonsHandler extends CarbonsSwitch {

    private static final XmlName ENABLE = XmlName.of(Carbons.NAMESPACE, "enable");

    /** For the container's proxy. */
    protected EnableCarbonsHandler() {
    }

    @Inject
    public EnableCarbonsHandler(SessionRegistry sessions) {
        super(sessions);
    }

    @Override
    public XmlName payload() {
        return ENABLE;
    }

    @Override
    boolean enables() {
        return true;
    }
}
