package im.meerkat.web.admin;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.AdminService;
import im.meerkat.server.admin.ClusterNodeSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code /api/cluster}: the running nodes of the cluster and the removal of a dead node's
 * sessions (docs/CLUSTER.md, docs/ADMIN.md).
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

    /** {@code GET}: 200 with every running node in view order. */
    @GET
    public Status status() {
        return new Status(admin.clusterStatus().stream().map(Node::of).toList());
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
    public record Status(List<Node> nodes) {
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
