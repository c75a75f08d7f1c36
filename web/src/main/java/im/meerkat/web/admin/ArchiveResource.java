package im.meerkat.web.admin;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.mam.ArchiveAdministration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code /api/archive}: retention of the message archive (docs/ARCHIVE.md). {@code DELETE
 * ?older-than-days=N} deletes every archived message older than N days; {@code DELETE
 * {jid}?older-than-days=N} those of one account, all of them when N is absent. 200 with how many
 * were deleted.
 */
@Path("archive")
@RequestScoped
@RolesAllowed(AdminApplication.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ArchiveResource {

    @EJB
    private ArchiveAdministration archive;

    /** For the container, which injects the service. */
    public ArchiveResource() {
    }

    /** The answer: whose messages and how many went. */
    public record Purged(String scope, int deleted) {
    }

    @DELETE
    public Purged purgeAll(@QueryParam("older-than-days") Integer days) throws AdminException {
        if (days == null) {
            throw new AdminException(AdminException.Kind.INVALID_ARGUMENT,
                    "older-than-days is required to purge every archive");
        }
        return new Purged("all", archive.purgeOlderThan(days, Optional.empty()));
    }

    @DELETE
    @Path("{jid}")
    public Purged purgeAccount(@PathParam("jid") String jid,
            @QueryParam("older-than-days") Integer days) throws AdminException {
        return new Purged(jid, days == null ? archive.purgeAll(jid)
                : archive.purgeOlderThan(days, Optional.of(jid)));
    }
}
