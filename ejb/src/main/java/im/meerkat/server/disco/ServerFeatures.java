package im.meerkat.server.disco;

import java.util.Set;

/**
 * Features the server announces in disco#info (XEP-0030 §3.1) that no IQ handler stands for,
 * such as {@code msgoffline} (XEP-0160 §5). Every bean of this type is asked.
 */
public interface ServerFeatures {

    Set<String> features();
}
