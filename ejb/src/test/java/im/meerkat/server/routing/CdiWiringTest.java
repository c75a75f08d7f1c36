package im.meerkat.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.account.AccountStore;
import im.meerkat.server.adhoc.AddUserCommand;
import im.meerkat.server.adhoc.AdhocCommandHandler;
import im.meerkat.server.adhoc.AdminCommands;
import im.meerkat.server.adhoc.ChangeUserPasswordCommand;
import im.meerkat.server.adhoc.DeleteUserCommand;
import im.meerkat.server.adhoc.GetOnlineUsersCommand;
import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.AdminService;
import im.meerkat.server.admin.AdminServiceBean;
import im.meerkat.server.carbons.CarbonCopies;
import im.meerkat.server.carbons.DisableCarbonsHandler;
import im.meerkat.server.carbons.EnableCarbonsHandler;
import im.meerkat.server.cluster.ClusterAdministration;
import im.meerkat.server.cluster.ClusterMembership;
import im.meerkat.server.cluster.ClusterService;
import im.meerkat.server.cluster.NodeRegistry;
import im.meerkat.server.cluster.LostNodes;
import im.meerkat.server.cluster.PartitionMerge;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.disco.DiscoItemsHandler;
import im.meerkat.server.iq.IqDispatcher;
import im.meerkat.server.iq.ServerRequests;
import im.meerkat.server.metrics.ServerMetrics;
import im.meerkat.server.ping.PingHandler;
import im.meerkat.server.presence.PresenceService;
import im.meerkat.server.register.RegisterHandler;
import im.meerkat.server.session.SessionManager;
import im.meerkat.server.session.SessionManagerBean;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.session.SessionTable;
import im.meerkat.server.session.UnackedStanzas;
import im.meerkat.server.upload.UploadService;
import im.meerkat.server.upload.UploadSettings;
import im.meerkat.server.version.VersionHandler;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import im.meerkat.server.bytestreams.ConnectorRelay;
import im.meerkat.server.bytestreams.ProxyComponent;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The beans of the session layer wired by a real CDI container (Weld SE), as WildFly's Weld
 * wires them: every injection point resolves to one bean, normal-scoped beans are proxyable,
 * handlers and observers are discovered, and start-up work runs. The session table, accounts and
 * configuration come from the producers below instead of Infinispan, JPA and the environment.
 */
class CdiWiringTest {

    /** Stands in for {@code SessionCache}, {@code AccountStoreBean} and the real settings. */
    @ApplicationScoped
    public static class Environment {
        final ConcurrentHashMap<String, String> table = new ConcurrentHashMap<>(Map.of(
                "ghost@example.org", "r\tlocal\tgone\ttcp\t-\t0\t1\t0"));

        /** Through a method: the bean is reached through its proxy. */
        ConcurrentHashMap<String, String> entries() {
            return table;
        }

        @Produces
        SessionTable sessionTable() {
            return new SessionTable(table);
        }

        @Produces
        @ApplicationScoped
        AccountStore accounts() {
            return new FakeAccountStore();
        }

        @Produces
        @ApplicationScoped
        ServerConfig config() {
            return new ServerConfig(Map.of("meerkat.domain", "example.org",
                    "meerkat.admins", "admin@example.org")::get);
        }
    }

    private static Element ask(SessionManager manager, FakeChannel channel, Jid from, String xml)
            throws Exception {
        manager.received(channel.id(), Stanza.of(Xml.parse(xml)).withFrom(from));
        List<Element> replies = channel.take();
        assertEquals(1, replies.size(), () -> "one reply expected: " + replies);
        return replies.get(0);
    }

    @Test
    void sessionLayerRunsInACdiContainer() throws Exception {
        try (WeldContainer c = new Weld().disableDiscovery()
                .addBeanClasses(Environment.class, SessionRegistry.class, SessionManagerBean.class,
                        Router.class, Delivery.class, NoRemoteSessions.class,
                        NoOfflineStorage.class, PresenceService.class, IqDispatcher.class,
                        DiscoInfoHandler.class, DiscoItemsHandler.class, PingHandler.class,
                        VersionHandler.class, RegisterHandler.class, AdhocCommandHandler.class,
                        AdminCommands.class, AddUserCommand.class, DeleteUserCommand.class,
                        ChangeUserPasswordCommand.class, GetOnlineUsersCommand.class,
                        AccountAdministration.class, AdminServiceBean.class,
                        ClusterAdministration.class, NodeRegistry.class, ClusterService.class, LostNodes.class, ClusterMembership.class,
                        PartitionMerge.class,
                        ServerRequests.class, UnackedStanzas.class,
                        CarbonCopies.class, EnableCarbonsHandler.class,
                        DisableCarbonsHandler.class, UploadService.class, UploadSettings.class,
                        ProxyComponent.class, ConnectorRelay.class, ServerMetrics.class)
                .initialize()) {
            Environment env = c.select(Environment.class).get();
            SessionManager manager = c.select(SessionManagerBean.class).get();
            AccountStore accounts = c.select(AccountStore.class).get();
            accounts.create(Jid.of("admin@example.org"), "pw");

            // node "local" (no jboss.node.name here): its stale record goes when the registry starts
            FakeChannel laptop = new FakeChannel("local", "c1");
            Jid admin = manager.bind(Jid.of("admin@example.org"), "laptop", laptop);
            assertNull(env.entries().get("ghost@example.org"));

            Element info = ask(manager, laptop, admin, "<iq type='get' id='1' to='example.org'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertEquals(8, info.elements().get(0).elements().size() - 1, info::toXml);

            // carbons (XEP-0280): the handler sets the flag, the copies reach Delivery's hooks
            assertEquals("result", ask(manager, laptop, admin, "<iq type='set' id='c'>"
                    + "<enable xmlns='urn:xmpp:carbons:2'/></iq>").attribute("type"));
            assertTrue(new SessionTable(env.entries()).sessions(admin).get(0).carbons(),
                    () -> env.entries().toString());

            Element items = ask(manager, laptop, admin, "<iq type='get' id='2' to='example.org'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#items' "
                    + "node='http://jabber.org/protocol/commands'/></iq>");
            assertEquals(4, items.elements().get(0).elements().size(), items::toXml);

            // hosted services are found: HTTP File Upload is an item of the domain and answers
            Element services = ask(manager, laptop, admin, "<iq type='get' id='3' to='example.org'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
            assertEquals("upload.example.org",
                    services.elements().get(0).elements().get(0).attribute("jid"), services::toXml);
            Element uploadInfo = ask(manager, laptop, admin, "<iq type='get' id='4' "
                    + "to='upload.example.org'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertEquals("result", uploadInfo.attribute("type"), uploadInfo::toXml);

            assertEquals("admin@example.org/laptop", ask(manager, laptop, admin, "<presence/>")
                    .attribute("to"));

            // the presence service is found as a session observer
            FakeChannel phone = new FakeChannel("local", "c2");
            Jid phoneJid = manager.bind(Jid.of("admin@example.org"), "phone", phone);
            manager.received(phone.id(), Stanza.of(Xml.parse("<presence/>")).withFrom(phoneJid));
            laptop.take();
            manager.unbind(phone.id());
            assertEquals("unavailable", laptop.take().get(0).attribute("type"));

            AdminService service = c.select(AdminServiceBean.class).get();
            assertEquals(List.of("admin@example.org/laptop"),
                    service.listSessions().stream().map(s -> s.jid()).toList());
            assertEquals(1, service.kick("admin@example.org", "bye"));
            assertTrue(laptop.closed());
            assertFalse(env.entries().containsKey("admin@example.org"));
        }
    }
}
