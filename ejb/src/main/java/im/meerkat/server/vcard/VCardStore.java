package im.meerkat.server.vcard;

import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Local;
import java.util.Optional;

/** The vCards of accounts, as XML text of the {@code <vCard xmlns='vcard-temp'/>} element. */
@Local
public interface VCardStore {

    /** The stored vCard of an account (bare JID), if it published one. */
    Optional<String> find(Jid account);

    /** Stores or replaces the vCard of an account (bare JID). */
    void save(Jid account, String xml);

    /** Forgets the vCard of an account; nothing happens when there is none. */
    void delete(Jid account);
}
