package im.meerkat.web.admin;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the failures that JAX-RS itself detects (no such resource, method not allowed, wrong
 * media type, unreadable body) the same JSON error shape as the rest of the API, keeping their
 * status and headers (such as {@code Allow} on a 405). An exception that already carries an
 * entity, as {@link ErrorResponses#badRequest} builds, is answered as it is.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uri;

    @Context
    private Request request;

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Representations.ErrorBody(ErrorResponses.codeOf(status),
                        messageFor(status)))
                .build();
    }

    private String messageFor(Response.StatusType status) {
        String path = uri.getRequestUri().getRawPath();
        return switch (status.getStatusCode()) {
            case 404 -> "no such resource: " + path;
            case 405 -> "method " + request.getMethod() + " is not allowed on " + path;
            case 406 -> "this resource answers only application/json";
            case 415 -> headers.getMediaType() == null
                    ? "the request body must be application/json; the request has no Content-Type"
                    : "the request body must be application/json, not " + headers.getMediaType();
            default -> status.getReasonPhrase();
        };
    }
}
