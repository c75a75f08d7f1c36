package im.meerkat.web.admin;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import im.meerkat.server.admin.AdminException;

/**
 * Turns a refusal of the admin service into its HTTP status (RFC 9110 §15.5): the thing does
 * not exist 404, it exists already 409, an argument is wrong 400; the body carries the service's
 * message.
 */
@Provider
public class AdminExceptionMapper implements ExceptionMapper<AdminException> {

    @Override
    public Response toResponse(AdminException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> ErrorResponses.of(Response.Status.NOT_FOUND, "not-found",
                    e.getMessage()).build();
            case CONFLICT -> ErrorResponses.of(Response.Status.CONFLICT, "conflict",
                    e.getMessage()).build();
            case INVALID_ARGUMENT -> ErrorResponses.of(Response.Status.BAD_REQUEST,
                    "invalid-argument", e.getMessage()).build();
        };
    }
}
