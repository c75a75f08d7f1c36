package im.meerkat.web.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads a request body that must be one JSON object (RFC 8259, UTF-8 per its §8.1). Anything
 * else (an empty body, malformed JSON, an array) is a 400 whose message says what was wrong,
 * where the platform's reader would give an implementation-specific error. JAX-RS prefers an
 * application's reader to its own for the same type.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType,
            Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream)
            throws IOException {
        JsonValue value;
        PushbackInputStream body = new PushbackInputStream(entityStream, 1);
        if (isEmpty(body)) {
            throw ErrorResponses.badRequest("the request body is empty; it must be a JSON object");
        }
        try (JsonParser parser = Json.createParser(
                new InputStreamReader(body, StandardCharsets.UTF_8))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw ErrorResponses.badRequest("malformed JSON: more than one value in the body");
            }
        } catch (JsonParsingException e) {
            throw ErrorResponses.badRequest("malformed JSON: " + e.getMessage());
        } catch (JsonException e) {
            // A body that cannot be read as JSON text at all.
            throw ErrorResponses.badRequest("the request body must be a JSON object: "
                    + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ErrorResponses.badRequest("the request body must be a JSON object, not "
                    + value.getValueType().name().toLowerCase(Locale.ROOT));
        }
        return value.asJsonObject();
    }

    private static boolean isEmpty(PushbackInputStream body) throws IOException {
        int first = body.read();
        if (first < 0) {
            return true;
        }
        body.unread(first);
        return false;
    }
}
