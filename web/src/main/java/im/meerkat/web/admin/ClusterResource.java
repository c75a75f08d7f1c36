package im.meerkat.web.admin;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.AdminService;
import im.meerkat.server.admin.ClusterAbsentNode;
import im.meerkat.server.admin.ClusterChange;
import im.meerkat.server.admin.ClusterNodeSummary;
import im.meerkat.server.admin.ClusterSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /api/cluster}: the running nodes of the cluster, the removal of a dead node's
 * sessions, and join-cluster / leave-cluster of this node (docs/CLUSTER.md, docs/ADMIN.md).
 */
@Path("cluster")
@RequestScoped
@RolesAllowed(AdminApplication.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @EJB
    private AdminService admin;

    /** For the container, which injects the service. */
    public ClusterResource() {
    }

    ClusterResource(AdminService admin) {
        this.admin = admin;
    }

    /**
     * {@code GET}: 200 with every running node in view order, and the nodes outside the view
     * that the cluster still knows ({@code absent}, normally empty): rows of nodes that did not
     * stop cleanly, and nodes that session records still name.
     */
    @GET
    public Status status() {
        List<Absent> absent = admin.clusterAbsentNodes().stream().map(Absent::of).toList();
        return new Status(admin.clusterStatus().stream().map(Node::of).toList(), absent);
    }

    /** {@code GET settings}: 200 with what a node that joins this cluster needs. */
    @GET
    @Path("settings")
    public ClusterSettings settings() {
        return admin.clusterSettings();
    }

    /**
     * {@code POST join?dry-run=true} with another cluster's {@code settings}: this node joins
     * that cluster; 202 once its clustering restarts (200 for a dry run), 400 for this node
     * itself, 409 for its own cluster, a name clash or another database.
     */
    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response join(JsonObject body, @QueryParam("dry-run") boolean dryRun)
            throws AdminException {
        ClusterChange change = admin.joinCluster(Requests.clusterSettings(body), dryRun);
        return Response.status(dryRun ? 200 : 202).entity(change).build();
    }

    /**
     * {@code POST leave?dry-run=true}: this node sends its clients to another member and comes
     * back in a cluster of its own; 202 (200 for a dry run), 409 when it is alone.
     */
    @POST
    @Path("leave")
    public Response leave(@QueryParam("dry-run") boolean dryRun) throws AdminException {
        ClusterChange change = admin.leaveCluster(dryRun);
        return Response.status(dryRun ? 200 : 202).entity(change).build();
    }

    /**
     * {@code POST drain}: before this node stops, it sends its TCP clients to another member
     * ({@code <see-other-host/>}) and takes no new streams; 200 with the change. bin/meerkat stop
     * calls it.
     */
    @POST
    @Path("drain")
    public ClusterChange drain() {
        return admin.drainNode();
    }

    /**
     * {@code DELETE nodes/{node}?force=true}: removes the session records of a node that left;
     * 200 with how many, 409 for a running member without {@code force}, 404 for an unknown
     * node.
     */
    @DELETE
    @Path("nodes/{node}")
    public Removed remove(@PathParam("node") String node, @QueryParam("force") boolean force)
            throws AdminException {
        return new Removed(node, admin.removeFromCluster(node, force));
    }

    /** The answer of {@code GET /api/cluster}. */
    public record Status(List<Node> nodes, List<Absent> absent) {
    }

    /**
     * A node outside the view that the cluster still knows: its session records, its client
     * address (null when it has no row) and the seconds since it last wrote its row (-1: none).
     */
    public record Absent(String name, int sessions, String address, long lastSeenSecondsAgo) {

        static Absent of(ClusterAbsentNode n) {
            return new Absent(n.name(), n.sessions(), n.address(), n.lastSeenSecondsAgo());
        }
    }

    /** One node in {@link Status}; {@code uptime} in seconds, -1 when it did not answer. */
    public record Node(String name, String address, int sessions, long uptime, boolean local,
            boolean coordinator) {

        static Node of(ClusterNodeSummary s) {
            return new Node(s.name(), s.address(), s.sessions(), s.uptimeSeconds(), s.local(),
                    s.coordinator());
        }
    }

    /** The answer of {@code DELETE /api/cluster/nodes/{node}}. */
    public record Removed(String node, int removed) {
    }
}
