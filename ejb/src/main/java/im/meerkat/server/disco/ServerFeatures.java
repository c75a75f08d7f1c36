package im.meerkat.server.disco;

import im.meerkat.xmpp.xml.Element;
import java.util.List;
import java.util.Set;

/**
 * Features the server announces in disco#info (XEP-0030 §3.1) that no IQ handler stands for,
 * such as {@code msgoffline} (XEP-0160 §5). Every bean of this type is asked.
 */
public interface ServerFeatures {

    Set<String> features();

    /** Identities the server has besides {@code server/im}, in the disco#info namespace. */
    default List<Element> identities() {
        return List.of();
    }
}
