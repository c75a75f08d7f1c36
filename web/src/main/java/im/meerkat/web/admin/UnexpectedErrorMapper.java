package im.meerkat.web.admin;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Any other failure is the server's fault, not the caller's: 500 with a reference to the log
 * entry that holds the details, and never a stack trace in the answer (Undertow would otherwise
 * show one to local callers).
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, e, () -> "admin API request failed, reference " + reference);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "the server failed to carry out the request; its log has the details under "
                        + "reference " + reference).build();
    }
}
