package im.meerkat.server.roster;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.iq.IqDispatcher;
import im.meerkat.server.offline.OfflineDelivery;
import im.meerkat.server.offline.OfflineSettings;
import im.meerkat.server.offline.OfflineStorage;
import im.meerkat.server.offline.OfflineStore;
import im.meerkat.server.presence.PresenceService;
import im.meerkat.server.routing.Delivery;
import im.meerkat.server.routing.FakeAccountStore;
import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.routing.Router;
import im.meerkat.server.routing.Xml;
import im.meerkat.server.session.SessionManagerBean;
import im.meerkat.server.session.SessionObserver;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.session.SessionTable;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session layer with the roster, subscriptions and offline storage wired by hand as the
 * container would: stores on H2, fake accounts and streams, one node, domain {@code example.org}.
 */
public final class ImServer implements AutoCloseable {

    public static final String DOMAIN = "example.org";

    public final Database db = new Database();
    public final FakeAccountStore accounts = new FakeAccountStore();
    public final TxRosterStore roster = new TxRosterStore(db);
    public final OfflineStore offline;
    public final OfflineStorage storage;
    public final SessionManagerBean manager;
    /** The sessions; records of other nodes are put in its table directly. */
    public final SessionRegistry registry;
    private final AtomicInteger streams = new AtomicInteger();

    /** With the offline store on the same database. */
    public static ImServer create(int offlineLimit) {
        return new ImServer(offlineLimit);
    }

    private ImServer(int offlineLimit) {
        ServerConfig config = new ServerConfig(Map.of("meerkat.domain", DOMAIN)::get);
        List<SessionObserver> observers = new ArrayList<>();
        registry = new SessionRegistry(new SessionTable(new ConcurrentHashMap<>()),
                observers, "node1", Clock.systemUTC());
        offline = new im.meerkat.server.offline.TxOfflineStore(db);
        storage = new OfflineStorage(accounts, offline,
                new OfflineSettings(Map.of("meerkat.offline.limit", "" + offlineLimit)::get),
                Clock.systemUTC(), registry, new OfflineDelivery(offline));
        Delivery delivery = new Delivery(registry, (record, stanza) -> false, storage);
        RosterPushes pushes = new RosterPushes(registry, delivery);
        SubscriptionService subscriptions = new SubscriptionService(roster, pushes, accounts,
                config);
        RosterPresence contacts = new RosterPresence(roster, pushes, subscriptions, registry,
                delivery, config, new OfflineDelivery(offline));
        PresenceService presence = new PresenceService(registry, delivery, config, contacts);
        observers.add(presence);
        IqDispatcher iqs = new IqDispatcher(List.of(new RosterHandler(roster, subscriptions)));
        manager = new SessionManagerBean(registry, new Router(config, delivery, presence, iqs));
    }

    /** A connected client of an account, created if needed. */
    public Client login(String local, String resource) {
        Jid account = Jid.of(local + "@" + DOMAIN);
        try {
            if (!accounts.exists(account)) {
                accounts.create(account, "secret");
            }
            FakeChannel channel = new FakeChannel("node1", "c" + streams.incrementAndGet());
            return new Client(manager.bind(account, resource, channel), channel);
        } catch (StanzaErrorException | im.meerkat.server.account.AccountException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        db.close();
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
            try {
                manager.received(channel.id(), Stanza.of(Xml.parse(xml)).withFrom(jid));
            } catch (StanzaErrorException e) {
                throw new IllegalStateException(e);
            }
        }

        /** What the server wrote since the last call. */
        public List<Element> received() {
            return channel.take();
        }

        /** Requests the roster, which makes this an interested resource; returns the result. */
        public Element roster() {
            send("<iq type='get' id='r'><query xmlns='jabber:iq:roster'/></iq>");
            return received().get(0);
        }

        public void logout() {
            manager.unbind(channel.id());
        }
    }
}
