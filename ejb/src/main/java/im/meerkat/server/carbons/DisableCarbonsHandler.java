package im.meerkat.server.carbons;

import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code <disable xmlns='urn:xmpp:carbons:2'/>} (XEP-0280 §5). */
@ApplicationScoped
public class DisableCarbonsHandler extends CarbonsSwitch {

    private static final XmlName DISABLE = XmlName.of(Carbons.NAMESPACE, "disable");

    /** For the container's proxy. */
    protected DisableCarbonsHandler() {
    }

    @Inject
    public DisableCarbonsHandler(SessionRegistry sessions) {
        super(sessions);
    }

    @Override
    public XmlName payload() {
        return DISABLE;
    }

    @Override
    boolean enables() {
        return false;
    }
}
