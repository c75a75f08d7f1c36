package im.meerkat.web.bosh;

import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The BOSH endpoint {@code /http-bind} (XEP-0124, XEP-0206). It reads and parses the body, answers
 * CORS preflights, and hands the request to {@link BoshSessions} on an asynchronous context whose
 * timeout is above the longest {@code wait}. HTTP errors are only for what has no session to
 * speak of: a body too large (413), one that is not XML (400), a page from a forbidden origin
 * (403); everything else is a {@code <body/>} with HTTP 200 (§17). A request for a session of
 * another node of the cluster goes to that node ({@link BoshForwarder}).
 */
@WebServlet(urlPatterns = "/http-bind", asyncSupported = true)
public class BoshServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(BoshServlet.class.getName());
    /** Margin over {@code wait} before the container gives up on a held request. */
    private static final long TIMEOUT_MARGIN_MS = 15_000;

    @Inject
    private transient BoshSessions sessions;

    @Inject
    private transient BoshSettings settings;

    @Inject
    private transient BoshOwners owners;

    @Inject
    private transient BoshForwarder forwarder;

    private transient XmlDocumentParser parser;

    @Override
    public void init() {
        parser = new XmlDocumentParser(new ParserLimits(settings.maxBodyBytes(), ParserLimits.DEFAULT.maxDepth() + 1,
                ParserLimits.DEFAULT.maxAttributes()));
    }

    /** CORS preflight (Fetch standard): browsers ask before a cross-origin POST of text/xml. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        if (!cors(request, response)) {
            return;
        }
        response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type");
        response.setHeader("Access-Control-Max-Age", "86400");
        response.setHeader("Allow", "POST, OPTIONS");
        response.setStatus(HttpServletResponse.SC_OK);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!cors(request, response)) {
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            // XEP-0124 §17.1: a request too large for the connection manager
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        BoshRequest bosh;
        try {
            bosh = BoshRequest.of(parser.parse(body));
        } catch (StreamErrorException e) {
            LOG.log(Level.DEBUG, "BOSH body refused: {0}", e.getMessage());
            answerNow(response, HttpServletResponse.SC_BAD_REQUEST, BoshCondition.BAD_REQUEST);
            return;
        } catch (BoshException e) {
            LOG.log(Level.DEBUG, "BOSH body refused: {0}", e.getMessage());
            answerNow(response, HttpServletResponse.SC_BAD_REQUEST, e.condition());
            return;
        }
        AsyncContext context = request.startAsync();
        context.setTimeout(settings.maxWait().toMillis() + TIMEOUT_MARGIN_MS);
        AsyncExchange exchange = new AsyncExchange(context);
        InetSocketAddress remote = InetSocketAddress.createUnresolved(request.getRemoteAddr(), request.getRemotePort());
        boolean secure = request.isSecure();
        if (bosh.creation() || sessions.holds(bosh.sid()) || request.getHeader(BoshForwarder.HEADER) != null) {
            sessions.handle(bosh, exchange, secure, remote);
            return;
        }
        // Another node's session, or none: the owner answers, else item-not-found (§17.2).
        owners.owner(bosh.sid()).whenComplete((owner, failure) -> {
            if (owner != null && owner.isPresent()) {
                forwarder.forward(owner.get(), body, exchange);
            } else {
                sessions.handle(bosh, exchange, secure, remote);
            }
        });
    }

    /** Sets the CORS headers; false (and 403 sent) for a page of a forbidden origin. */
    private boolean cors(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        if (!settings.origins().allows(origin)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        if (origin != null) {
            response.setHeader("Access-Control-Allow-Origin", settings.origins().allowsAny() ? "*" : origin);
            response.setHeader("Vary", "Origin");
        }
        return true;
    }

    /** The body, or null when it is larger than the limit. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        int limit = settings.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, Math.min(limit, request.getContentLength())));
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > limit) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static void answerNow(HttpServletResponse response, int status, BoshCondition condition) throws IOException {
        byte[] bytes = BoshBodies.terminate(condition, List.of()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(AsyncExchange.CONTENT_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
