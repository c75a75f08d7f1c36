package im.meerkat.web.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The deployment descriptors that close the admin API to everyone but administrators: the
 * servlet constraint (Jakarta Servlet 6.0 §13.8) covers every method on every path the API is
 * mounted at, with HTTP BASIC against WildFly's "other" security domain. Whether WildFly
 * then answers 401 and 403 is checked by the test suite on a running server.
 */
class SecurityDescriptorTest {

    private static final Path WEB_INF = Path.of("src/main/webapp/WEB-INF");

    private static Document parse(String name) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(WEB_INF.resolve(name).toFile());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "one <" + name + "> expected");
        return found.get(0).getTextContent().trim();
    }

    @Test
    void everyMethodUnderTheApiPathNeedsTheAdminRole() throws Exception {
        String apiPattern = "/" + AdminApplication.class.getAnnotation(ApplicationPath.class)
                .value() + "/*";
        Element webApp = parse("web.xml").getDocumentElement();
        Element constraint = children(webApp, "security-constraint").stream()
                .filter(c -> children(c, "url-pattern").stream()
                        .anyMatch(p -> p.getTextContent().trim().equals(apiPattern)))
                .findFirst().orElse(null);
        assertNotNull(constraint, "no security constraint on " + apiPattern);
        // Listing methods would leave the others open (Servlet 6.0 §13.8.1).
        assertEquals(List.of(), children(constraint, "http-method"));
        assertEquals(List.of(), children(constraint, "http-method-omission"));
        assertEquals(AdminApplication.ADMIN_ROLE, text(constraint, "role-name"));

        Element login = children(webApp, "login-config").get(0);
        assertEquals("BASIC", text(login, "auth-method"));
        assertEquals(List.of(AdminApplication.ADMIN_ROLE),
                children(webApp, "security-role").stream()
                        .map(role -> text(role, "role-name")).toList());
    }

    @Test
    void theAdminConsoleIsUnderTheSameConstraintAsTheApi() throws Exception {
        Element webApp = parse("web.xml").getDocumentElement();
        Element constraint = children(webApp, "security-constraint").stream()
                .filter(c -> children(c, "url-pattern").stream()
                        .anyMatch(p -> p.getTextContent().trim().equals("/admin/*")))
                .findFirst().orElse(null);
        assertNotNull(constraint, "no security constraint on /admin/*");
        assertEquals(List.of(), children(constraint, "http-method"));
        assertEquals(List.of(), children(constraint, "http-method-omission"));
        assertEquals(AdminApplication.ADMIN_ROLE, text(constraint, "role-name"));
    }

    @Test
    void theWebTierUsesWildFlysOtherSecurityDomain() throws Exception {
        assertEquals("other", text(parse("jboss-web.xml").getDocumentElement(),
                "security-domain"));
    }

    @Test
    void everyResourceAlsoRequiresTheAdminRole() {
        for (Class<?> resource : AdminApplication.RESOURCES) {
            RolesAllowed roles = resource.getAnnotation(RolesAllowed.class);
            assertNotNull(roles, resource + " has no @RolesAllowed");
            assertArrayEquals(new String[] {AdminApplication.ADMIN_ROLE}, roles.value(),
                    resource.getName());
        }
    }
}
