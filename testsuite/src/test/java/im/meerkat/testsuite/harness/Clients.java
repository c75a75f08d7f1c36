package im.meerkat.testsuite.harness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test: the node, fresh accounts, and Smack connections that are all closed after the test
 * whatever its outcome. Register it as an instance field:
 * {@code @RegisterExtension final Clients clients = Clients.onSharedNode();}
 */
public final class Clients implements BeforeEachCallback, AfterEachCallback {

    static {
        SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        // Tests ask for what they check; a roster request at login would only add traffic.
        Roster.setRosterLoadedAtLoginDefault(false);
        // Stream management (XEP-0198) is another specification than the ones tested here.
        XMPPTCPConnection.setUseStreamManagementDefault(false);
    }

    private static final String ADMIN_PASSWORD = Names.password();
    private static final Set<Integer> ADMINS_CREATED = new HashSet<>();

    private final Function<ExtensionContext, MeerkatNode> nodes;
    private final List<AbstractXMPPConnection> open = new ArrayList<>();
    private MeerkatNode node;

    private Clients(Function<ExtensionContext, MeerkatNode> nodes) {
        this.nodes = nodes;
    }

    /** Clients of the node all test classes share. */
    public static Clients onSharedNode() {
        return new Clients(SharedNode::get);
    }

    /** Clients of a node the test class manages itself. */
    public static Clients on(Supplier<MeerkatNode> node) {
        return new Clients(context -> node.get());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        node = nodes.apply(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (open) {
            for (AbstractXMPPConnection connection : open) {
                if (connection instanceof XMPPTCPConnection tcp && tcp.isSmEnabled()
                        && connection.isConnected()) {
                    // a dropped stream would wait for its resumption (XEP-0198) on the shared node
                    tcp.disconnect();
                } else if (connection.isConnected()) {
                    connection.instantShutdown();
                }
            }
            open.clear();
        }
    }

    public MeerkatNode node() {
        return node;
    }

    /** Creates an account through the admin API. */
    public Account newAccount(String prefix) {
        Account account = new Account(Names.unique(prefix), node.domain(), Names.password());
        node.admin().register(account.user(), account.domain(), account.password());
        return account;
    }

    /**
     * The account of {@code admin@DOMAIN}, which the node's {@code MEERKAT_ADMINS} names: created
     * by the first test that asks for it, with a password fixed for this JVM.
     */
    public Account adminAccount() {
        Account admin = new Account(NodeConfig.ADMIN_USER, node.domain(), ADMIN_PASSWORD);
        synchronized (ADMINS_CREATED) {
            if (!ADMINS_CREATED.contains(node.config().number())) {
                node.admin().register(admin.user(), admin.domain(), admin.password());
                ADMINS_CREATED.add(node.config().number());
            }
        }
        return admin;
    }

    /** A login to configure: resource, transport, mechanism. */
    public Login login(Account account) {
        return new Login(this, node, account.user(), account.password());
    }

    /** A login with any credentials, such as a wrong password. */
    public Login login(String user, String password) {
        return new Login(this, node, user, password);
    }

    /** Logs in over STARTTLS with the resource given, sending no presence. */
    public XMPPTCPConnection connect(Account account, String resource) {
        return login(account).resource(resource).connect();
    }

    void track(AbstractXMPPConnection connection) {
        synchronized (open) {
            open.add(connection);
        }
    }
}
