package im.meerkat.web.admin;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A caller that passed the web constraint but that the admin service itself refuses (its own
 * role check) gets 403, as at the web tier, rather than a server error.
 */
@Provider
public class EjbAccessExceptionMapper implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException e) {
        return ErrorResponses.of(Response.Status.FORBIDDEN, "forbidden",
                "the caller is not an administrator (role " + AdminApplication.ADMIN_ROLE + ")")
                .build();
    }
}
