package im.meerkat.web.admin;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The JSON bodies the admin API accepts. Each is read from a {@link JsonObject} and checked for
 * its fields here, so that a missing or mistyped field is a 400 that names it; the values
 * themselves are checked by the admin service.
 */
final class Requests {

    private Requests() {
    }

    /** {@code POST /api/users/{domain}}: {@code {"user": ..., "password": ...}}. */
    record NewAccount(String user, String password) {

        static NewAccount from(JsonObject body) {
            return new NewAccount(requiredString(body, "user"), requiredString(body, "password"));
        }
    }

    /** {@code PUT /api/users/{domain}/{user}/password}: {@code {"password": ...}}. */
    record NewPassword(String password) {

        static NewPassword from(JsonObject body) {
            return new NewPassword(requiredString(body, "password"));
        }
    }

    private static String requiredString(JsonObject body, String name) {
        if (body == null) {
            throw ErrorResponses.badRequest("the request needs a JSON object body with \"" + name + "\"");
        }
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ErrorResponses.badRequest("missing field \"" + name + "\"");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ErrorResponses.badRequest("field \"" + name + "\" must be a string");
        }
        return body.getString(name);
    }
}
