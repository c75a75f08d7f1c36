package im.meerkat.web.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import im.meerkat.server.admin.AdminService;

/** {@code /api/domains}: the XMPP domains this server serves. */
@Path("domains")
@RequestScoped
@RolesAllowed(AdminApplication.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class DomainsResource {

    @EJB
    private AdminService admin;

    /** For the container, which injects the service. */
    public DomainsResource() {
    }

    DomainsResource(AdminService admin) {
        this.admin = admin;
    }

    /** {@code GET /api/domains}: 200 with {@code {"domains": [...]}}. */
    @GET
    public Representations.DomainList list() {
        return new Representations.DomainList(admin.domains());
    }
}
