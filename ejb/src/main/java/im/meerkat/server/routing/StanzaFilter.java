package im.meerkat.server.routing;

import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.stanza.Stanza;
import java.util.Optional;

/**
 * A rule that can stop a stanza between two entities before it is routed or delivered, such as
 * a block list (XEP-0191). The {@link Router} asks every bean of this type about each stanza a
 * client sends, and {@link Delivery} asks again about each stanza it delivers to an account, so
 * that stanzas the server generates (presence broadcasts) obey the same rule.
 */
public interface StanzaFilter {

    /**
     * Whether a stanza may pass.
     *
     * @param stanza a stanza with its {@code from} stamped; its {@code to} may be absent
     * @return empty to let it pass, else what to do instead
     */
    Optional<Refusal> check(Stanza stanza);

    /**
     * A stanza that does not pass: answered with an error (which the router never sends for an
     * error or an IQ response, RFC 6120 §8.3.1), or dropped without a word.
     *
     * @param error the error for the sender, or null to drop the stanza silently
     */
    record Refusal(StanzaError error) {

        public static Refusal drop() {
            return new Refusal(null);
        }
    }
}
