package im.meerkat.web.upload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a PUT's Content-Type is compared with its slot's (RFC 9110 §8.3.1: type and subtype without case). */
class UploadServletTest {

    @Test
    void typeAndSubtypeMatchWithoutCase() {
        assertTrue(UploadServlet.sameMediaType("application/octet-stream", "application/octet-stream"));
        assertTrue(UploadServlet.sameMediaType("Image/PNG", "image/png"));
        assertTrue(UploadServlet.sameMediaType("application/octet-stream;", "application/octet-stream"));
        assertTrue(UploadServlet.sameMediaType("text/plain ; charset=utf-8", "text/plain;charset=utf-8"));
    }

    @Test
    void anotherTypeOrNoneDoesNotMatch() {
        assertFalse(UploadServlet.sameMediaType("image/png", "image/jpeg"));
        assertFalse(UploadServlet.sameMediaType(null, "application/octet-stream"));
        assertFalse(UploadServlet.sameMediaType("text/plain;charset=latin1", "text/plain;charset=utf-8"));
    }
}
