package im.meerkat.server.upload;

import im.meerkat.server.adhoc.DataForm;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.disco.DiscoItemsHandler;
import im.meerkat.server.routing.IqService;
import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP File Upload service at {@code upload.<domain>} (XEP-0363). It describes itself in
 * disco#info (§3: identity {@code store/file}, the feature, and the XEP-0128 form with {@code
 * max-file-size}) and answers slot requests (§4) of local users with a PUT URL, its {@code
 * Authorization} header, and the GET URL; the web module serves both URLs.
 */
@ApplicationScoped
public class UploadService extends IqService {

    public static final String NAMESPACE = "urn:xmpp:http:upload:0";
    static final XmlName REQUEST = XmlName.of(NAMESPACE, "request");
    private static final XmlName INFO = XmlName.of(DiscoInfoHandler.NAMESPACE, "query");
    private static final XmlName ITEMS = XmlName.of(DiscoItemsHandler.NAMESPACE, "query");
    private static final String PREFIX = "upload.";
    private static final int MAX_FILENAME_CHARS = 255;
    /** RFC 9110 §8.3.1 type "/" subtype, parameters allowed. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;[\\x20-\\x7e]*)?");

    private ServerConfig config;
    private UploadSettings settings;
    private SlotSigner signer;
    private Clock clock;

    /** For the container's proxy. */
    protected UploadService() {
    }

    @Inject
    public UploadService(ServerConfig config, UploadSettings settings) {
        this(config, settings, null, Clock.systemUTC());
    }

    /** For tests: a given signer (null: the settings' one) and clock. */
    public UploadService(ServerConfig config, UploadSettings settings, SlotSigner signer, Clock clock) {
        this.config = config;
        this.settings = settings;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public Optional<Jid> address(String servedDomain) {
        return settings.enabled() && config.serves(servedDomain)
                ? Optional.of(Jid.domain(PREFIX + servedDomain)) : Optional.empty();
    }

    @Override
    public String name() {
        return "HTTP File Upload";
    }

    @Override
    public boolean isAt(String domain) {
        return settings.enabled() && domain.startsWith(PREFIX)
                && config.serves(domain.substring(PREFIX.length()));
    }

    @Override
    public Iq handle(Jid from, Iq request) throws StanzaErrorException {
        Element payload = request.payload().orElseThrow();
        if (payload.is(INFO) && request.type() == Iq.Type.GET && payload.attribute("node") == null) {
            return request.result(info());
        }
        if (payload.is(ITEMS) && request.type() == Iq.Type.GET && payload.attribute("node") == null) {
            return request.result(Element.empty(ITEMS));
        }
        if (payload.is(REQUEST) && request.type() == Iq.Type.GET) {
            return request.result(slot(from, request.to().domain(), payload));
        }
        if (payload.is(INFO) || payload.is(ITEMS)) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        if (payload.is(REQUEST)) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "a slot request is an IQ get");
        }
        throw new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE);
    }

    private Element info() {
        return Element.builder(INFO)
                .child(Element.builder(DiscoInfoHandler.NAMESPACE, "identity")
                        .attribute("category", "store").attribute("type", "file")
                        .attribute("name", name()))
                .child(feature(DiscoInfoHandler.NAMESPACE))
                .child(feature(NAMESPACE))
                .child(DataForm.builder("result").formType(NAMESPACE)
                        .field("text-single", "max-file-size", null, false,
                                List.of(Long.toString(settings.maxFileSize())), List.of())
                        .build())
                .build();
    }

    private static Element feature(String var) {
        return Element.builder(DiscoInfoHandler.NAMESPACE, "feature").attribute("var", var).build();
    }

    /** §4 and §5: a slot, or the error that says why not. */
    private Element slot(Jid from, String serviceDomain, Element request) throws StanzaErrorException {
        if (!config.serves(from.domain())) {
            // only the server's own users get slots
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED);
        }
        String filename = request.attribute("filename");
        if (filename == null || filename.isBlank()) {
            throw badRequest("the request needs a filename");
        }
        if (filename.length() > MAX_FILENAME_CHARS || !acceptableName(filename)) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "the filename must be a plain name of at most " + MAX_FILENAME_CHARS
                            + " characters, without '/', '\\' or control characters");
        }
        long size = size(request.attribute("size"));
        if (size > settings.maxFileSize()) {
            // §5: the maximum goes along, so the client need not ask again
            throw new StanzaErrorException(StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "file too large; the most is " + settings.maxFileSize() + " bytes")
                    .withApplicationCondition(Element.builder(NAMESPACE, "file-too-large")
                            .child(Element.builder(NAMESPACE, "max-file-size")
                                    .text(Long.toString(settings.maxFileSize())))
                            .build()));
        }
        String contentType = contentType(request.attribute("content-type"));
        UploadSlot slot = signer().issue(filename, size, contentType,
                clock.instant().plus(settings.slotLifetime()));
        String url = settings.baseUrl(serviceDomain.substring(PREFIX.length())) + "/" + slot.id()
                + "/" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return Element.builder(NAMESPACE, "slot")
                .child(Element.builder(NAMESPACE, "put").attribute("url", url)
                        .child(Element.builder(NAMESPACE, "header").attribute("name", "Authorization")
                                .text(signer().authorization(slot))))
                .child(Element.builder(NAMESPACE, "get").attribute("url", url))
                .build();
    }

    private static boolean acceptableName(String filename) {
        if (filename.equals(".") || filename.equals("..")) {
            return false;
        }
        return filename.codePoints().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c));
    }

    private static long size(String value) throws StanzaErrorException {
        if (value == null) {
            throw badRequest("the request needs a size");
        }
        try {
            long size = Long.parseLong(value.trim());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw badRequest("the size must be a whole number of bytes, not " + value);
    }

    private static String contentType(String value) throws StanzaErrorException {
        if (value == null || value.isBlank()) {
            return "application/octet-stream";
        }
        String trimmed = value.trim();
        if (!MEDIA_TYPE.matcher(trimmed).matches()) {
            throw badRequest("not a media type: " + value);
        }
        return trimmed;
    }

    private static StanzaErrorException badRequest(String text) {
        return new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, text);
    }

    private SlotSigner signer() {
        if (signer == null) {
            try {
                signer = SlotSigner.of(settings);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or create the slot secret in "
                        + settings.directory(), e);
            }
        }
        return signer;
    }
}
