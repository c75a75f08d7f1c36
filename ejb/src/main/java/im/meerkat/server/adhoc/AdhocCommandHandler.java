package im.meerkat.server.adhoc;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Ad-hoc commands (XEP-0050 §4) addressed to the server: the XEP-0133 administration commands,
 * for administrators ({@link ServerConfig#isAdmin}) only, everyone else receiving
 * {@code <forbidden/>}. Each command has two stages, the form and its submission; the server keeps
 * no state between them, so the {@code sessionid} is only echoed.
 */
@ApplicationScoped
public class AdhocCommandHandler implements IqHandler {

    public static final String NAMESPACE = "http://jabber.org/protocol/commands";
    private static final XmlName COMMAND = XmlName.of(NAMESPACE, "command");

    private AdminCommands commands;
    private ServerConfig config;
    private final SecureRandom random = new SecureRandom();

    /** For the container's proxy. */
    protected AdhocCommandHandler() {
    }

    @Inject
    public AdhocCommandHandler(AdminCommands commands, ServerConfig config) {
        this.commands = commands;
        this.config = config;
    }

    @Override
    public XmlName payload() {
        return COMMAND;
    }

    @Override
    public Set<String> features() {
        return Set.of(NAMESPACE, DataForm.NAMESPACE);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (!config.isAdmin(request.from())) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "only administrators may run commands");
        }
        if (!request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "commands are run with an IQ set");
        }
        Element payload = request.payload();
        String node = payload.attribute("node");
        AdminCommand command = commands.byNode(node).orElseThrow(
                () -> new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND,
                        "no command " + node));
        String action = payload.attribute("action");
        String sessionId = Optional.ofNullable(payload.attribute("sessionid"))
                .orElseGet(() -> HexFormat.of().formatHex(nextBytes()));
        Element.Builder reply = Element.builder(COMMAND).attribute("node", node)
                .attribute("sessionid", sessionId);
        if ("cancel".equals(action)) {
            return request.iq().result(reply.attribute("status", "canceled").build());
        }
        Optional<DataForm> form = DataForm.in(payload);
        Element blank = command.form();
        if (blank == null && form.isEmpty()) {
            form = Optional.of(DataForm.parse(DataForm.builder("submit").build()));
        }
        if (form.isPresent() && "submit".equals(form.get().type())) {
            AdminCommand.Outcome outcome = command.execute(request.from(), form.get());
            reply.attribute("status", "completed")
                    .child(Element.builder(XmlName.of(NAMESPACE, "note"))
                            .attribute("type", "info").text(outcome.note()));
            if (outcome.resultForm() != null) {
                reply.child(outcome.resultForm());
            }
            return request.iq().result(reply.build());
        }
        if (blank == null || action != null && !action.equals("execute")) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "action " + action + " needs a submitted form");
        }
        reply.attribute("status", "executing")
                .child(Element.builder(XmlName.of(NAMESPACE, "actions"))
                        .attribute("execute", "complete")
                        .child(XmlName.of(NAMESPACE, "complete")))
                .child(blank);
        return request.iq().result(reply.build());
    }

    private byte[] nextBytes() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return b;
    }
}
