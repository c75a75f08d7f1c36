package im.meerkat.web.bosh;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * Which node of the cluster holds a BOSH session, and where that node takes requests. A session
 * id starts with its node's tag (a hash of {@code jboss.node.name}, 48 bits) and a dot, so any
 * node finds the owner of a {@code sid} among the cluster's members without a shared table. The
 * owner's endpoint comes from the owner itself, once, through the {@code meerkat-bosh} command
 * dispatcher (architecture invariant 7), and is kept while the node is a member. Without a
 * command dispatcher factory (a node not configured for clustering) every sid is local.
 */
@ApplicationScoped
public class BoshOwners {

    /** Where WildFly binds the command dispatcher factory of the default channel. */
    static final String FACTORY_JNDI = "java:jboss/clustering/server/command-dispatcher-factory/default";
    private static final String DISPATCHER_ID = "meerkat-bosh";
    private static final Logger LOG = Logger.getLogger(BoshOwners.class.getName());

    private final String node = System.getProperty("jboss.node.name", "local");
    private final String tag = tag(node);
    private final ConcurrentMap<String, CompletableFuture<URI>> endpoints = new ConcurrentHashMap<>();

    @Inject
    private BoshSettings settings;

    private CommandDispatcherFactory<GroupMember> factory;
    private CommandDispatcher<GroupMember, BoshEndpoint> dispatcher;

    /** For the container. */
    public BoshOwners() {
    }

    @PostConstruct
    @SuppressWarnings("unchecked")
    void start() {
        String url = settings.forwardUrl() != null ? settings.forwardUrl() : defaultUrl();
        try {
            factory = (CommandDispatcherFactory<GroupMember>) new InitialContext().lookup(FACTORY_JNDI);
        } catch (NamingException e) {
            LOG.fine(() -> "no command dispatcher factory; BOSH requests are not forwarded (" + e + ")");
            return;
        }
        dispatcher = factory.createCommandDispatcher(DISPATCHER_ID, new BoshEndpoint(url),
                BoshOwners.class.getClassLoader());
        LOG.info(() -> "BOSH sessions of node " + node + " (sid prefix " + tag + ".) are forwarded to " + url);
    }

    @PreDestroy
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    /** The prefix of this node's session ids. */
    String sidPrefix() {
        return tag + '.';
    }

    /**
     * The endpoint of the node that holds this session, when that is another member of the
     * cluster; empty when the sid names this node, no member, or is malformed.
     */
    CompletionStage<Optional<URI>> owner(String sid) {
        int dot = sid.indexOf('.');
        if (dispatcher == null || dot <= 0 || sid.substring(0, dot).equals(tag)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String wanted = sid.substring(0, dot);
        GroupMember member = null;
        for (GroupMember m : factory.getGroup().getMembership().getMembers()) {
            if (tag(m.getName()).equals(wanted)) {
                member = m;
            }
        }
        if (member == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        GroupMember owner = member;
        CompletableFuture<URI> endpoint = endpoints.computeIfAbsent(owner.getName(), name -> ask(owner));
        return endpoint.handle((uri, failure) -> {
            if (failure != null) {
                // asked again next time: the node may have been starting
                endpoints.remove(owner.getName(), endpoint);
                LOG.log(Level.FINE, "node " + owner.getName() + " did not tell its BOSH endpoint", failure);
                return Optional.empty();
            }
            return Optional.of(uri);
        });
    }

    private CompletableFuture<URI> ask(GroupMember member) {
        try {
            return dispatcher.dispatchToMember(new EndpointCommand(), member).toCompletableFuture()
                    .thenApply(URI::create);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@code http://} on this node's bind address and HTTP port (8080 plus the port offset). */
    private static String defaultUrl() {
        String host = System.getProperty("jboss.bind.address", "127.0.0.1");
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getHostAddress();
            }
        } catch (UnknownHostException e) {
            LOG.log(Level.WARNING, "cannot resolve the bind address " + host + "; set meerkat.bosh.forward-url", e);
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = '[' + host + ']';
        }
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return "http://" + host + ':' + port + "/http-bind";
    }

    /** The first 48 bits of the SHA-256 of a node name, base64url: 8 characters. */
    static String tag(String nodeName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(nodeName.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
