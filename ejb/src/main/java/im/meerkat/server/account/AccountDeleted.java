package im.meerkat.server.account;

import im.meerkat.xmpp.jid.Jid;

/**
 * CDI event fired by the account store, inside the deleting transaction, when an account has
 * been deleted. Features that keep data per account (vCards, private XML, last activity)
 * observe it and delete theirs; a failing observer rolls the deletion back, so an account never
 * disappears while its data stays.
 *
 * @param account the bare JID of the deleted account
 */
public record AccountDeleted(Jid account) {
}
