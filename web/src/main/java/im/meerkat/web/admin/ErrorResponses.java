package im.meerkat.web.admin;

import java.util.Locale;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.StatusType;

/** Builds the JSON error answers of the admin API, all shaped as {@link Representations.ErrorBody}. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    /** A 400 for a request the API cannot read, to be thrown from a resource or a reader. */
    static BadRequestException badRequest(String message) {
        return new BadRequestException(message,
                of(Response.Status.BAD_REQUEST, "bad-request", message).build());
    }

    /** An error answer with the given status, stable code and message. */
    static Response.ResponseBuilder of(StatusType status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Representations.ErrorBody(code, message));
    }

    /** The stable code for a status that has no more precise one: "Not Found" -> not-found. */
    static String codeOf(StatusType status) {
        return status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
