package im.meerkat.web.admin;

import java.util.HashSet;
import java.util.Set;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The admin REST API, mounted at {@code /api} in the WAR. It names its classes instead of
 * relying on scanning, so that the other HTTP features of the WAR stay out of it.
 */
@ApplicationPath("api")
@DeclareRoles(AdminApplication.ADMIN_ROLE)
public class AdminApplication extends Application {

    /** The role an authenticated caller needs for every request under {@code /api}. */
    public static final String ADMIN_ROLE = "meerkat-admin";

    /** The resource classes of the API. */
    static final Set<Class<?>> RESOURCES =
            Set.of(DomainsResource.class, UsersResource.class, SessionsResource.class,
                    ClusterResource.class, ArchiveResource.class);

    /** The providers: request body reading and the mapping of every failure to a JSON error. */
    static final Set<Class<?>> PROVIDERS = Set.of(JsonObjectReader.class,
            AdminExceptionMapper.class, WebApplicationExceptionMapper.class,
            EjbAccessExceptionMapper.class, UnexpectedErrorMapper.class);

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(RESOURCES);
        classes.addAll(PROVIDERS);
        return classes;
    }
}
