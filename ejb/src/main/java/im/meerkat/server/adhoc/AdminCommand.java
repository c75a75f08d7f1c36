package im.meerkat.server.adhoc;

import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;

/**
 * One Service Administration command (XEP-0133) run through ad-hoc commands (XEP-0050) in two
 * steps: the server sends {@link #form()}, the administrator submits it, {@link #execute} does
 * the work.
 */
public interface AdminCommand {

    /** XEP-0133 namespace; commands' nodes are this plus {@code #name}. */
    String ADMIN_NAMESPACE = "http://jabber.org/protocol/admin";

    /** The command node, such as {@code http://jabber.org/protocol/admin#add-user}. */
    String node();

    /** The human-readable name listed in disco#items. */
    String name();

    /**
     * The form of type {@code form} to fill in, or null for a command that needs no input and
     * completes on its first execution (XEP-0133 §4.13, §4.15).
     */
    Element form();

    /**
     * Runs the command with a submitted form (an empty one for a command without a form).
     *
     * @return the outcome to show: a note, and a result form or null
     * @throws StanzaErrorException when a field is missing or wrong, or the work is refused
     */
    Outcome execute(Jid admin, DataForm submitted) throws StanzaErrorException;

    /** What a completed command shows (XEP-0050 §4.4 note, XEP-0004 result form). */
    record Outcome(String note, Element resultForm) {

        public static Outcome note(String text) {
            return new Outcome(text, null);
        }
    }
}
