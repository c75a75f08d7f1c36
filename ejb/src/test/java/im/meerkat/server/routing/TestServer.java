package im.meerkat.server.routing;

import im.meerkat.server.adhoc.AddUserCommand;
import im.meerkat.server.adhoc.AdhocCommandHandler;
import im.meerkat.server.adhoc.AdminCommand;
import im.meerkat.server.adhoc.AdminCommands;
import im.meerkat.server.adhoc.ChangeUserPasswordCommand;
import im.meerkat.server.adhoc.DeleteUserCommand;
import im.meerkat.server.adhoc.GetOnlineUsersCommand;
import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.AdminServiceBean;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.disco.DiscoItemsHandler;
import im.meerkat.server.iq.IqDispatcher;
import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.ping.PingHandler;
import im.meerkat.server.presence.PresenceService;
import im.meerkat.server.register.RegisterHandler;
import im.meerkat.server.session.SessionManagerBean;
import im.meerkat.server.session.SessionObserver;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.session.SessionTable;
import im.meerkat.server.session.UnackedStanzas;
import im.meerkat.server.version.VersionHandler;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session layer wired by hand as the container would, over an in-memory session table, fake
 * accounts and fake streams: a server for {@code example.org} with administrator {@code
 * admin@example.org}.
 */
public final class TestServer {

    public static final String DOMAIN = "example.org";

    public final FakeAccountStore accounts = new FakeAccountStore();
    public final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();
    public final List<Message> stored = new ArrayList<>();
    public final ServerConfig config;
    public final SessionRegistry registry;
    public final SessionManagerBean manager;
    public final IqDispatcher iqs;
    public final AdminServiceBean adminService;
    public final Delivery delivery;
    public final Router router;
    public final DiscoItemsHandler discoItems;
    public boolean offlineStorage;
    /** Stanzas handed to other nodes, and whether those nodes take them. */
    public final List<im.meerkat.xmpp.stanza.Stanza> remoteDeliveries = new ArrayList<>();
    public boolean remoteAccepts = true;
    private final AtomicInteger streams = new AtomicInteger();

    public TestServer() {
        this(Map.of());
    }

    /** With extra settings, such as {@code meerkat.registration}. */
    public TestServer(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.putIfAbsent("meerkat.domain", DOMAIN);
        all.putIfAbsent("meerkat.admins", "admin@" + DOMAIN);
        config = new ServerConfig(all::get);
        List<SessionObserver> observers = new ArrayList<>();
        registry = new SessionRegistry(new SessionTable(cache), observers, "node1",
                Clock.systemUTC());
        UndeliverableMessages undeliverable = m -> {
            if (offlineStorage) {
                stored.add(m);
            }
            return offlineStorage;
        };
        delivery = new Delivery(registry, (record, stanza) -> {
            remoteDeliveries.add(stanza);
            return remoteAccepts;
        }, undeliverable);
        PresenceService presence = new PresenceService(registry, delivery, config);
        observers.add(presence);
        AccountAdministration admin = new AccountAdministration(accounts, registry, config);
        adminService = new AdminServiceBean(admin);
        List<AdminCommand> commandList = List.of(new AddUserCommand(admin),
                new DeleteUserCommand(admin), new ChangeUserPasswordCommand(admin),
                new GetOnlineUsersCommand(admin));
        AdminCommands commands = new AdminCommands(commandList);
        IqDispatcher[] holder = new IqDispatcher[1];
        discoItems = new DiscoItemsHandler(commands, config);
        List<IqHandler> handlers = List.of(new DiscoInfoHandler(() -> holder[0], commands, config),
                discoItems, new PingHandler(), new VersionHandler(),
                new RegisterHandler(accounts, registry, config),
                new AdhocCommandHandler(commands, config));
        iqs = new IqDispatcher(handlers);
        holder[0] = iqs;
        router = new Router(config, delivery, presence, iqs);
        manager = new SessionManagerBean(registry, router, new UnackedStanzas(delivery));
    }

    /** A connected client: an account (created if needed) bound to a resource on a new stream. */
    public Client login(String local, String resource) {
        Jid account = Jid.of(local + "@" + DOMAIN);
        if (!accounts.exists(account)) {
            try {
                accounts.create(account, "secret");
            } catch (im.meerkat.server.account.AccountException e) {
                throw new IllegalStateException(e);
            }
        }
        FakeChannel channel = new FakeChannel("node1", "c" + streams.incrementAndGet());
        try {
            Jid jid = manager.bind(account, resource, channel);
            return new Client(jid, channel);
        } catch (StanzaErrorException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bound client as the stream layer sees it. */
    public final class Client {
        public final Jid jid;
        public final FakeChannel channel;

        Client(Jid jid, FakeChannel channel) {
            this.jid = jid;
            this.channel = channel;
        }

        /** Sends a stanza, written as XML in jabber:client, with {@code from} stamped. */
        public void send(String xml) {
            Element e = Xml.parse(xml);
            try {
                Stanza s = Stanza.of(e).withFrom(jid);
                manager.received(channel.id(), s);
            } catch (StanzaErrorException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** What the server wrote to this client since the last call. */
        public List<Element> received() {
            return channel.take();
        }

        public void logout() {
            manager.unbind(channel.id());
        }
    }
}
