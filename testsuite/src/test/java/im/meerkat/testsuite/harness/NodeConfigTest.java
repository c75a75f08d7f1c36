package im.meerkat.testsuite.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ports and environment of the suite's nodes, as the launcher contract defines them. */
class NodeConfigTest {

    @Test
    void portsShiftByHundredPerNode() {
        NodeConfig eleven = new NodeConfig(11, "localhost", List.of(), true, null);
        assertEquals(6222, eleven.c2sPort());
        assertEquals(6223, eleven.directTlsPort());
        assertEquals(9080, eleven.httpPort());
        assertEquals(10990, eleven.managementPort());
        assertEquals(8777, eleven.proxy65Port());
        assertTrue(eleven.ports().contains(8777), "the launcher checks the proxy port too");
        assertEquals(5222, eleven.withNumber(1).c2sPort());
    }

    @Test
    void environmentSetsEveryVariableTheLauncherReads() {
        Map<String, String> env = new NodeConfig(12, "example.test",
                List.of("a@example.test", "b@example.test"), false, null).environment();
        assertEquals("example.test", env.get("MEERKAT_DOMAIN"));
        assertEquals("a@example.test,b@example.test", env.get("MEERKAT_ADMINS"));
        assertEquals("false", env.get("MEERKAT_REGISTRATION"));
        assertTrue(env.containsKey("MEERKAT_DB_URL"));
        assertNull(env.get("MEERKAT_DB_URL"), "H2: a DB URL of the caller must be removed");
        assertTrue(env.get("MEERKAT_VAR").endsWith("var"));
    }

    @Test
    void postgresEnvironment() {
        Map<String, String> env = new NodeConfig(11, "localhost", List.of(), true, "meerkat_test")
                .environment();
        assertEquals("jdbc:postgresql://127.0.0.1:5432/meerkat_test", env.get("MEERKAT_DB_URL"));
        assertEquals("postgres", env.get("MEERKAT_DB_USER"));
        assertFalse(env.get("MEERKAT_DB_PASSWORD").isEmpty());
    }

    @Test
    void nodeNumbersStartAtOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new NodeConfig(0, "localhost", List.of(), true, null));
    }
}
