package im.meerkat.web.upload;

import im.meerkat.server.upload.SlotRejected;
import im.meerkat.server.upload.SlotSigner;
import im.meerkat.server.upload.StoredFile;
import im.meerkat.server.upload.UploadSettings;
import im.meerkat.server.upload.UploadSlot;
import im.meerkat.server.upload.UploadStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Locale;

/**
 * PUT and GET of {@code /upload/<slot id>/<filename>} (XEP-0363 §4, §6). A PUT must carry the
 * slot's {@code Authorization} header, exactly the slot's size as {@code Content-Length} and its
 * content type; the first complete PUT of a slot wins and any later one gets 409. A GET answers
 * with the stored file and the content type of its slot. Bad requests get a status and a plain
 * text message, and store nothing.
 */
@WebServlet(urlPatterns = "/upload/*", loadOnStartup = 1)
public class UploadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(UploadServlet.class.getName());

    private transient UploadStore store;
    private transient SlotSigner signer;

    @Override
    public void init() throws ServletException {
        UploadSettings settings = new UploadSettings();
        try {
            store = new UploadStore(settings.directory());
            signer = SlotSigner.of(settings);
        } catch (IOException e) {
            throw new ServletException("cannot use the upload directory " + settings.directory(), e);
        }
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors(response);
        try {
            String[] path = path(request);
            UploadSlot slot = signer.verify(path[0], path[1], request.getHeader("Authorization"),
                    Instant.now());
            long length = request.getContentLengthLong();
            if (length < 0) {
                throw new SlotRejected(HttpServletResponse.SC_LENGTH_REQUIRED,
                        "the PUT needs a Content-Length of " + slot.size());
            }
            if (length != slot.size()) {
                throw new SlotRejected(length > slot.size()
                        ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : HttpServletResponse.SC_BAD_REQUEST,
                        "Content-Length " + length + " is not the slot's size " + slot.size());
            }
            if (!sameMediaType(request.getContentType(), slot.contentType())) {
                throw new SlotRejected(HttpServletResponse.SC_BAD_REQUEST, "Content-Type "
                        + request.getContentType() + " is not the slot's " + slot.contentType());
            }
            if (store.exists(slot.id())) {
                throw new SlotRejected(HttpServletResponse.SC_CONFLICT, "this slot has been used already");
            }
            try (InputStream body = request.getInputStream()) {
                store.store(slot, body, Instant.now());
            }
            response.setStatus(HttpServletResponse.SC_CREATED);
        } catch (SlotRejected e) {
            text(response, e.status(), e.getMessage());
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors(response);
        StoredFile file;
        try {
            String[] path = path(request);
            file = store.find(path[0], path[1]).orElseThrow(
                    () -> new SlotRejected(HttpServletResponse.SC_NOT_FOUND, "no such file"));
        } catch (SlotRejected e) {
            text(response, e.status(), e.getMessage());
            return;
        }
        response.setContentType(file.contentType());
        response.setContentLengthLong(file.size());
        // the file is the uploader's: no browser may guess another type or run it as a page
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        response.setHeader("Content-Disposition", "inline; filename*=UTF-8''"
                + URLEncoder.encode(file.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("Cache-Control", "public, max-age=86400");
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(file.data(), out);
        } catch (NoSuchFileException e) {
            LOG.log(System.Logger.Level.DEBUG, "upload purged while serving it: {0}", file.data());
        }
    }

    /** CORS preflight (Fetch standard), so that web clients can PUT from their own origin. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        cors(response);
        response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, PUT, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
        response.setHeader("Access-Control-Max-Age", "86400");
        response.setHeader("Allow", "GET, HEAD, PUT, OPTIONS");
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private static void cors(HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", "*");
    }

    /** The slot id and the file name of {@code /upload/<id>/<name>}; 404 for any other path. */
    private static String[] path(HttpServletRequest request) throws SlotRejected {
        String info = request.getPathInfo();
        int slash = info == null ? -1 : info.indexOf('/', 1);
        if (slash < 0 || slash == info.length() - 1 || !UploadSlot.isId(info.substring(1, slash))) {
            throw new SlotRejected(HttpServletResponse.SC_NOT_FOUND, "no such file");
        }
        return new String[] {info.substring(1, slash), info.substring(slash + 1)};
    }

    /** Type and subtype compared without case; parameters and spaces compared as written. */
    static boolean sameMediaType(String header, String slot) {
        if (header == null) {
            return false;
        }
        return normalize(header).equals(normalize(slot));
    }

    private static String normalize(String mediaType) {
        String compact = mediaType.replaceAll("\\s*;\\s*", ";").trim();
        if (compact.endsWith(";")) {
            compact = compact.substring(0, compact.length() - 1);
        }
        int semicolon = compact.indexOf(';');
        return semicolon < 0 ? compact.toLowerCase(Locale.ROOT)
                : compact.substring(0, semicolon).toLowerCase(Locale.ROOT) + compact.substring(semicolon);
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println(message);
    }
}
