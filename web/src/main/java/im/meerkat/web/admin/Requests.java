package im.meerkat.web.admin;

import im.meerkat.server.admin.ClusterSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * {@code POST /api/cluster/join}: what {@code GET /api/cluster/settings} answered on a member
     * of the cluster to join ({@code hosts} and {@code members} optional).
     */
    static ClusterSettings clusterSettings(JsonObject body) {
        String hosts = optionalString(body, "hosts");
        List<String> members = new ArrayList<>();
        JsonValue list = body.get("members");
        if (list != null && list.getValueType() != JsonValue.ValueType.NULL) {
            if (list.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ErrorResponses.badRequest("field \"members\" must be an array of strings");
            }
            for (JsonValue member : list.asJsonArray()) {
                if (member.getValueType() != JsonValue.ValueType.STRING) {
                    throw ErrorResponses.badRequest("field \"members\" must be an array of strings");
                }
                members.add(((JsonString) member).getString());
            }
        }
        return new ClusterSettings(requiredString(body, "node"), requiredString(body, "cluster"),
                requiredString(body, "discovery"), hosts, requiredString(body, "database"),
                members);
    }

    private static String optionalString(JsonObject body, String name) {
        JsonValue value = body == null ? null : body.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null
                : requiredString(body, name);
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
