package im.meerkat.testsuite.harness;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/** An account a test created for itself, with its password. */
public record Account(String user, String domain, String password) {

    public String bare() {
        return user + "@" + domain;
    }

    public EntityBareJid jid() {
        try {
            return JidCreate.entityBareFrom(bare());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public EntityFullJid full(String resource) {
        try {
            return JidCreate.entityFullFrom(bare() + "/" + resource);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
