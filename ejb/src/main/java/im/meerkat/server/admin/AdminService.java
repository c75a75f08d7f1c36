package im.meerkat.server.admin;

import java.util.List;

import jakarta.ejb.Local;

/**
 * What an administrator can do to accounts and sessions. Every method checks its arguments and
 * throws {@link AdminException} for bad ones, changing nothing.
 */
@Local
public interface AdminService {

    /** Creates an account; {@link AdminException.Kind#CONFLICT} if it exists. */
    void registerUser(String user, String domain, String password) throws AdminException;

    /**
     * Deletes an account and everything stored for it, and ends its sessions;
     * {@link AdminException.Kind#NOT_FOUND} if there is no such account.
     */
    void unregisterUser(String user, String domain) throws AdminException;

    /** Sets a new password; {@link AdminException.Kind#NOT_FOUND} if there is no such account. */
    void changePassword(String user, String domain, String newPassword) throws AdminException;

    /** The usernames (localparts) registered on a served domain, sorted. */
    List<String> listUsers(String domain) throws AdminException;

    /** Every session in the cluster, sorted by JID. */
    List<SessionSummary> listSessions();

    /**
     * Ends the sessions of a full JID (one session) or a bare JID (all of them) with the stream
     * error {@code <policy-violation/>} and the given text.
     *
     * @return how many sessions were ended
     */
    int kick(String jid, String reason) throws AdminException;

    /** The XMPP domains this server serves. */
    List<String> domains();

    /** Every running node of the cluster, in view order (docs/CLUSTER.md). */
    List<ClusterNodeSummary> clusterStatus();

    /**
     * Nodes outside the cluster view that the cluster still knows (sorted by name; normally
     * none): those that did not stop cleanly, whose row the database keeps, and those that
     * session records still name: what {@link #removeFromCluster} is for.
     */
    List<ClusterAbsentNode> clusterAbsentNodes();

    /**
     * Removes the session records of a node that left the cluster;
     * {@link AdminException.Kind#CONFLICT} for a running member unless {@code force},
     * {@link AdminException.Kind#NOT_FOUND} for a node the cluster does not know.
     *
     * @return how many session records were removed
     */
    int removeFromCluster(String node, boolean force) throws AdminException;

    /** What a node that joins this node's cluster needs: name, discovery, database, members. */
    ClusterSettings clusterSettings();

    /**
     * Makes this node join the cluster that a member described with {@code seed} (its
     * {@link #clusterSettings()}): the settings are saved and the node's clustering restarts,
     * which ends its client connections. {@link AdminException.Kind#INVALID_ARGUMENT} for this
     * node itself, {@link AdminException.Kind#CONFLICT} for its own cluster, a name clash or
     * another database.
     *
     * @param dryRun only check and describe the change
     */
    ClusterChange joinCluster(ClusterSettings seed, boolean dryRun) throws AdminException;

    /**
     * Makes this node leave its cluster gracefully (its clients are sent to another member) and
     * come back in a cluster of its own; {@link AdminException.Kind#CONFLICT} when it is alone.
     *
     * @param dryRun only check and describe the change
     */
    ClusterChange leaveCluster(boolean dryRun) throws AdminException;

    /**
     * Before this node stops: sends its TCP clients to another member, ends its other streams
     * with {@code <system-shutdown/>} and takes no new ones; it stays in its cluster.
     */
    ClusterChange drainNode();
}
