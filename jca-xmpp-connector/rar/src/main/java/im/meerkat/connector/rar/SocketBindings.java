package im.meerkat.connector.rar;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import im.meerkat.connector.rar.net.ListenerSpec;

/**
 * Where a listener binds. In WildFly the socket bindings {@code xmpp-c2s}, {@code xmpp-c2s-tls}
 * and {@code xmpp-s2s} decide, read from the resolved management model that the JMX subsystem
 * exposes in the {@code jboss.as} domain: their port, the group's port offset unless the port
 * is fixed, and their interface's address. Without them (another server, or the bindings are
 * missing) the system properties {@code meerkat.c2s.port}, {@code meerkat.c2s-tls.port} and
 * {@code meerkat.s2s.port} (defaults 5222, 5223, 5269; the SOCKS5 proxy: binding {@code
 * xmpp-proxy65}, property {@code meerkat.proxy65.port}, default 7777) plus {@code
 * jboss.socket.binding.port-offset} apply, on {@code jboss.bind.address} (default all
 * interfaces).
 */
final class SocketBindings {

    private static final Logger LOG = Logger.getLogger(SocketBindings.class.getName());

    private final MBeanServer server;
    private final UnaryOperator<String> properties;

    SocketBindings() {
        this(ManagementFactory.getPlatformMBeanServer(), System::getProperty);
    }

    SocketBindings(MBeanServer server, UnaryOperator<String> properties) {
        this.server = server;
        this.properties = properties;
    }

    InetSocketAddress address(String listener) {
        try {
            InetSocketAddress fromModel = fromManagementModel("xmpp-" + listener);
            if (fromModel != null) {
                return fromModel;
            }
        } catch (Exception e) {
            // JMX is optional here: any failure means the fallback applies
            LOG.log(Level.FINE, "socket binding xmpp-" + listener + " not readable over JMX", e);
        }
        return fallback(listener);
    }

    private InetSocketAddress fromManagementModel(String binding) throws Exception {
        Set<ObjectName> names = server.queryNames(new ObjectName(
                "jboss.as:socket-binding-group=*,socket-binding=" + binding), null);
        if (names.isEmpty()) {
            return null;
        }
        ObjectName name = names.iterator().next();
        ObjectName group = new ObjectName("jboss.as:socket-binding-group="
                + name.getKeyProperty("socket-binding-group"));
        int port = ((Number) server.getAttribute(name, "port")).intValue();
        Object fixed = server.getAttribute(name, "fixedPort");
        if (!Boolean.TRUE.equals(fixed)) {
            Object offset = server.getAttribute(group, "portOffset");
            port += offset instanceof Number n ? n.intValue() : offset();
        }
        Object iface = server.getAttribute(name, "interface");
        if (iface == null) {
            iface = server.getAttribute(group, "defaultInterface");
        }
        String host = iface == null ? null : interfaceAddress(iface.toString());
        InetSocketAddress address = host == null ? new InetSocketAddress(bindAddress(), port)
                : new InetSocketAddress(host, port);
        LOG.fine(() -> "socket binding " + binding + " -> " + address);
        return address;
    }

    private String interfaceAddress(String iface) {
        try {
            ObjectName name = new ObjectName("jboss.as:interface=" + iface);
            if (Boolean.TRUE.equals(server.getAttribute(name, "anyAddress"))) {
                return "0.0.0.0";
            }
            Object address = attributeOrNull(name, "resolvedAddress");
            if (address == null) {
                address = server.getAttribute(name, "inetAddress");
            }
            return address == null ? null : address.toString();
        } catch (Exception e) {
            LOG.log(Level.FINE, "interface " + iface + " not readable over JMX", e);
            return null;
        }
    }

    private Object attributeOrNull(ObjectName name, String attribute) {
        try {
            return server.getAttribute(name, attribute);
        } catch (Exception e) {
            return null;
        }
    }

    private InetSocketAddress fallback(String listener) {
        String configured = properties.apply("meerkat." + listener + ".port");
        int port = configured == null || configured.isBlank()
                ? ListenerSpec.defaultPort(listener) : Integer.parseInt(configured.trim());
        return new InetSocketAddress(bindAddress(), port + offset());
    }

    private int offset() {
        String offset = properties.apply("jboss.socket.binding.port-offset");
        return offset == null || offset.isBlank() ? 0 : Integer.parseInt(offset.trim());
    }

    private String bindAddress() {
        String address = properties.apply("jboss.bind.address");
        return address == null || address.isBlank() ? "0.0.0.0" : address.trim();
    }
}
