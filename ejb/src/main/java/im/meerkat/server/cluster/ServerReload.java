package im.meerkat.server.cluster;

import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Reloads the WildFly server this application runs in (the management operation
 * {@code :reload}, through the server's JMX view of its management model): the JGroups channel
 * and the Infinispan caches start again from the configuration, whose expressions then read
 * the system properties as they are now, and the application is deployed anew. The JVM, its
 * system properties and its process id stay.
 */
public class ServerReload {

    private static final Logger LOG = Logger.getLogger(ServerReload.class.getName());
    private static final String ROOT = "jboss.as:management-root=server";

    /**
     * Reloads after a delay, so that the request that asked for it gets its answer first. The
     * thread is not one of the container's: it must outlive the application it stops.
     */
    public void schedule(long delayMillis, String why) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
                LOG.info(() -> "reloading the server: " + why);
                ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(ROOT), "reload",
                        new Object[0], new String[0]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.SEVERE, "the server reload failed; restart the node to apply "
                        + "the cluster settings (" + why + ")", e);
            }
        }, "meerkat-cluster-reload");
        thread.setDaemon(true);
        thread.start();
    }
}
