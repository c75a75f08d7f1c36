package im.meerkat.web.admin;

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

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.AdminService;

/**
 * {@code /api/sessions}: the sessions of the whole cluster. A session, or all sessions of an
 * account, is addressed by its full or bare JID (RFC 7622) as the rest of the path; the
 * resourcepart may itself contain {@code /}.
 */
@Path("sessions")
@RequestScoped
@RolesAllowed(AdminApplication.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    /** The stream error text a kicked client sees when the administrator gave none. */
    static final String DEFAULT_REASON = "Disconnected by the server administrator";

    @EJB
    private AdminService admin;

    /** For the container, which injects the service. */
    public SessionsResource() {
    }

    SessionsResource(AdminService admin) {
        this.admin = admin;
    }

    /** {@code GET}: 200 with every session, sorted by JID. */
    @GET
    public Representations.SessionList list() {
        return Representations.SessionList.of(admin.listSessions());
    }

    /**
     * {@code DELETE {jid}?reason=...}: ends the session of a full JID or every session of a bare
     * JID with a {@code <policy-violation/>} stream error (RFC 6120 §4.9.3.14) carrying the
     * reason; 200 with how many ended, 404 if there was none.
     */
    @DELETE
    @Path("{jid: .+}")
    public Representations.Kicked kick(@PathParam("jid") String jid,
            @QueryParam("reason") String reason) throws AdminException {
        String text = reason == null || reason.isBlank() ? DEFAULT_REASON : reason;
        int ended = admin.kick(jid, text);
        if (ended == 0) {
            throw new AdminException(AdminException.Kind.NOT_FOUND, "no session of " + jid);
        }
        return new Representations.Kicked(jid, ended);
    }
}
