package im.meerkat.server.lastactivity;

import im.meerkat.server.config.Settings;
import im.meerkat.xmpp.jid.Jid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.function.Function;

/**
 * The access rule while the server keeps no rosters and so cannot check the presence
 * subscription XEP-0012 §3 asks for: one setting for all users. With {@code
 * meerkat.last-activity.public} true (the default) every local user may see every other local
 * user's last activity; with false nobody may see anyone else's. Replace this bean with an
 * {@code @Alternative @Priority} one that checks the subscription.
 */
@ApplicationScoped
public class SettingLastActivityAccess implements LastActivityAccess {

    public static final String PUBLIC = "meerkat.last-activity.public";

    private final boolean open;

    public SettingLastActivityAccess() {
        this(Settings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public SettingLastActivityAccess(Function<String, String> settings) {
        String value = settings.apply(PUBLIC);
        if (value == null || value.isBlank()) {
            open = true;
        } else if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
            open = Boolean.parseBoolean(value.trim());
        } else {
            throw new IllegalArgumentException(PUBLIC + " must be true or false, not " + value);
        }
    }

    @Override
    public boolean mayView(Jid requester, Jid account) {
        return open || requester.bare().equals(account.bare());
    }

    /** Reads the setting when the application starts, so that a bad value stops the deployment. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the constructor has checked it
    }

}
