package im.meerkat.server.caps;

import im.meerkat.server.session.LocalSession;
import java.util.Set;

/**
 * A CDI event: a session of this node is available with verified capabilities, either announced
 * for the first time in this period of availability or changed (XEP-0115 §4). PEP sends the last
 * items of the nodes the client is interested in (XEP-0163 §4.3.4).
 *
 * @param features the client's verified disco#info features, {@code +notify} ones included
 * @param before   the features of its previous capabilities in this period of availability, or
 *                 none when it just became available
 */
public record ClientCaps(LocalSession session, Set<String> features, Set<String> before) {
}
