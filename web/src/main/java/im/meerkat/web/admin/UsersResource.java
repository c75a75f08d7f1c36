package im.meerkat.web.admin;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.AdminService;

/**
 * {@code /api/users/{domain}}: the accounts of one served domain. An account is addressed as
 * {@code /api/users/{domain}/{user}}, the user being the JID's localpart (RFC 7622 §3.3).
 */
@Path("users/{domain}")
@RequestScoped
@RolesAllowed(AdminApplication.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    private AdminService admin;

    /** For the container, which injects the service. */
    public UsersResource() {
    }

    UsersResource(AdminService admin) {
        this.admin = admin;
    }

    /** {@code GET}: 200 with the sorted usernames of the domain. */
    @GET
    public Representations.UserList list(@PathParam("domain") String domain)
            throws AdminException {
        return new Representations.UserList(domain, admin.listUsers(domain));
    }

    /**
     * {@code POST {"user": ..., "password": ...}}: creates an account; 201 with its location,
     * 409 if it exists.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@PathParam("domain") String domain, JsonObject body,
            @Context UriInfo uri) throws AdminException {
        Requests.NewAccount account = Requests.NewAccount.from(body);
        admin.registerUser(account.user(), domain, account.password());
        URI location = uri.getAbsolutePathBuilder().path("{user}").build(account.user());
        return Response.created(location)
                .entity(Representations.Account.of(account.user(), domain))
                .build();
    }

    /** {@code DELETE {user}}: deletes the account and ends its sessions; 204, or 404. */
    @DELETE
    @Path("{user}")
    public Response unregister(@PathParam("domain") String domain,
            @PathParam("user") String user) throws AdminException {
        admin.unregisterUser(user, domain);
        return Response.noContent().build();
    }

    /** {@code PUT {user}/password {"password": ...}}: sets a new password; 204, or 404. */
    @PUT
    @Path("{user}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(@PathParam("domain") String domain,
            @PathParam("user") String user, JsonObject body) throws AdminException {
        Requests.NewPassword password = Requests.NewPassword.from(body);
        admin.changePassword(user, domain, password.password());
        return Response.noContent().build();
    }
}
