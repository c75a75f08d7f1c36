package im.meerkat.server.admin;

import im.meerkat.server.cluster.ClusterAdministration;
import im.meerkat.server.cluster.ClusterMembership;
import im.meerkat.server.stream.StreamService;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The admin service behind the REST API and {@code bin/meerkatctl} (docs/ADMIN.md): callers need
 * the role {@value #ADMIN_ROLE}, the rules are those of {@link AccountAdministration}.
 */
@Stateless
@DeclareRoles(AdminServiceBean.ADMIN_ROLE)
@RolesAllowed(AdminServiceBean.ADMIN_ROLE)
public class AdminServiceBean implements AdminService {

    /** The role of WildFly application users allowed to administer the server. */
    public static final String ADMIN_ROLE = "meerkat-admin";

    @Inject
    private AccountAdministration admin;

    @Inject
    private ClusterAdministration cluster;

    @Inject
    private ClusterMembership membership;

    @EJB
    private StreamService streams;

    /** For the container. */
    public AdminServiceBean() {
    }

    /** For tests. */
    public AdminServiceBean(AccountAdministration admin) {
        this.admin = admin;
    }

    @Override
    public void registerUser(String user, String domain, String password) throws AdminException {
        admin.register(admin.account(user, domain), password);
    }

    @Override
    public void unregisterUser(String user, String domain) throws AdminException {
        admin.unregister(admin.account(user, domain));
    }

    @Override
    public void changePassword(String user, String domain, String newPassword)
            throws AdminException {
        admin.changePassword(admin.account(user, domain), newPassword);
    }

    @Override
    public List<String> listUsers(String domain) throws AdminException {
        return admin.users(domain);
    }

    @Override
    public List<SessionSummary> listSessions() {
        return admin.sessions();
    }

    @Override
    public int kick(String jid, String reason) throws AdminException {
        return admin.kick(jid, reason);
    }

    @Override
    public List<String> domains() {
        return admin.domains();
    }

    @Override
    public List<ClusterNodeSummary> clusterStatus() {
        return cluster.status();
    }

    @Override
    public int removeFromCluster(String node, boolean force) throws AdminException {
        return cluster.remove(node, force);
    }

    @Override
    public List<ClusterAbsentNode> clusterAbsentNodes() {
        return cluster.absent();
    }

    @Override
    public ClusterSettings clusterSettings() {
        return membership.settings();
    }

    @Override
    public ClusterChange joinCluster(ClusterSettings seed, boolean dryRun) throws AdminException {
        return membership.join(seed, dryRun);
    }

    @Override
    public ClusterChange leaveCluster(boolean dryRun) throws AdminException {
        return membership.leave(dryRun);
    }

    @Override
    public ClusterChange drainNode() {
        streams.stopping();
        ClusterChange drained = membership.drain();
        // The drain ended the streams it found; connections that closed just before still end
        // their sessions on the connector's threads: the stop that follows waits for them here.
        streams.awaitSessionEnds(StreamService.ENDS_TIMEOUT);
        return drained;
    }
}
