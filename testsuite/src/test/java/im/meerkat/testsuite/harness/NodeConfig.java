package im.meerkat.testsuite.harness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the suite starts one node with {@code bin/meerkat}: its number, which fixes its ports
 * (default + 100·(N−1)), and the environment that configures it.
 *
 * @param number       the node number, {@value Suite#DEFAULT_SHARED_NODE} and up for the suite
 * @param domain       {@code MEERKAT_DOMAIN}
 * @param admins       {@code MEERKAT_ADMINS}: bare JIDs allowed XEP-0133 commands
 * @param registration {@code MEERKAT_REGISTRATION}: XEP-0077 in-band registration
 * @param database     the PostgreSQL database, or null for the node's embedded H2
 * @param extra        further launcher variables, which win over the defaults (a null value
 *                     removes the variable)
 */
public record NodeConfig(int number, String domain, List<String> admins, boolean registration,
        String database, Map<String, String> extra) {

    /** The administrator JID's localpart on the shared node. */
    public static final String ADMIN_USER = "admin";

    /** PostgreSQL of the CI: local, user postgres, trust authentication. */
    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/";
    /**
     * {@code MEERKAT_VCARD_MAX_BYTES}, {@code MEERKAT_PRIVATE_MAX_BYTES} and {@code
     * MEERKAT_PEP_MAX_PAYLOAD_BYTES} of every node of the suite.
     */
    public static final int STORAGE_MAX_BYTES = 16 * 1024;

    public NodeConfig {
        if (number < 1) {
            throw new IllegalArgumentException("node numbers start at 1, not " + number);
        }
        admins = List.copyOf(admins);
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public NodeConfig(int number, String domain, List<String> admins, boolean registration,
            String database) {
        this(number, domain, admins, registration, database, Map.of());
    }

    /** The same node with one more launcher variable, such as the cluster's. */
    public NodeConfig with(String variable, String value) {
        Map<String, String> more = new LinkedHashMap<>(extra);
        more.put(variable, value);
        return new NodeConfig(number, domain, admins, registration, database, more);
    }

    /**
     * The node all test classes share: domain localhost, {@code admin@localhost} an
     * administrator, in-band registration on, PostgreSQL when the CI asks for it (database
     * {@code meerkat_test_N} for node N, so that suites on different nodes can run at once).
     */
    public static NodeConfig shared() {
        return new NodeConfig(Suite.sharedNode(), "localhost", List.of(ADMIN_USER + "@localhost"),
                true, Suite.postgres() ? "meerkat_test_" + Suite.sharedNode() : null);
    }

    public NodeConfig withRegistration(boolean on) {
        return new NodeConfig(number, domain, admins, on, database, extra);
    }

    public NodeConfig withNumber(int other) {
        return new NodeConfig(other, domain, admins, registration, database, extra);
    }

    public NodeConfig withDatabase(String name) {
        return new NodeConfig(number, domain, admins, registration, name, extra);
    }

    public int offset() {
        return 100 * (number - 1);
    }

    /** Client-to-server with STARTTLS (RFC 6120 §5). */
    public int c2sPort() {
        return 5222 + offset();
    }

    /** Client-to-server over TLS from the first byte (XEP-0368). */
    public int directTlsPort() {
        return 5223 + offset();
    }

    public int httpPort() {
        return 8080 + offset();
    }

    /** The SOCKS5 bytestreams proxy (XEP-0065). */
    public int proxy65Port() {
        return 7777 + offset();
    }

    public int managementPort() {
        return 9990 + offset();
    }

    /**
     * Every port a node binds (as bin/meerkat checks them): c2s, direct TLS, s2s, HTTP, HTTPS,
     * management HTTP and HTTPS, AJP, JGroups and its failure detection, transaction recovery
     * and status, the SOCKS5 proxy.
     */
    public List<Integer> ports() {
        return List.of(5222, 5223, 5269, 8080, 8443, 9990, 9993, 8009, 7600, 7650, 4712, 4713,
                        7777).stream()
                .map(port -> port + offset()).toList();
    }

    /**
     * The environment of {@code bin/meerkat start}: every variable the launcher reads is set or
     * removed, so a developer's own settings do not leak into the suite's nodes.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MEERKAT_VAR", Suite.varDir().toString());
        env.put("MEERKAT_DOMAIN", domain);
        env.put("MEERKAT_ADMINS", String.join(",", admins));
        env.put("MEERKAT_REGISTRATION", Boolean.toString(registration));
        // Each node of the suite is a cluster of its own.
        env.put("MEERKAT_CLUSTER_HOSTS", null);
        env.put("MEERKAT_CLUSTER_DISCOVERY", "static");
        // Below the connector's 64 KiB stanza limit, so that a test can send a vCard or a
        // private XML chunk over the server's own limit.
        env.put("MEERKAT_VCARD_MAX_BYTES", Integer.toString(STORAGE_MAX_BYTES));
        env.put("MEERKAT_PRIVATE_MAX_BYTES", Integer.toString(STORAGE_MAX_BYTES));
        env.put("MEERKAT_PEP_MAX_PAYLOAD_BYTES", Integer.toString(STORAGE_MAX_BYTES));
        if (database != null) {
            env.put("MEERKAT_DB_URL", POSTGRES_URL + database);
            env.put("MEERKAT_DB_USER", "postgres");
            env.put("MEERKAT_DB_PASSWORD", "postgres");
        } else {
            env.put("MEERKAT_DB_URL", null);
            env.put("MEERKAT_DB_USER", null);
            env.put("MEERKAT_DB_PASSWORD", null);
        }
        env.putAll(extra);
        return env;
    }
}
