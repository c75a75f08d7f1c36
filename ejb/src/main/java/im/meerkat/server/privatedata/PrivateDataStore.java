package im.meerkat.server.privatedata;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.ejb.Local;
import java.util.Map;
import java.util.Optional;

/** Private XML chunks of accounts, by the qualified name of their root element, as XML text. */
@Local
public interface PrivateDataStore {

    /** The chunk an account (bare JID) stored under this name, if any. */
    Optional<String> find(Jid account, XmlName name);

    /** Stores or replaces chunks of an account, all in one transaction. */
    void save(Jid account, Map<XmlName, String> chunks);

    /** Forgets every chunk of an account. */
    void delete(Jid account);
}
