package im.meerkat.server.upload;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes, once an hour, the uploaded files older than {@code meerkat.upload.retention-days}
 * and the uploads that were begun a day ago and never finished. Nodes that share the directory
 * all purge it; deleting what another node deletes at the same time is harmless.
 */
@Singleton
@Startup
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UploadPurge {

    private static final Logger LOG = Logger.getLogger(UploadPurge.class.getName());
    private static final Duration ABANDONED = Duration.ofDays(1);

    @Inject
    private UploadSettings settings;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> timer;

    @PostConstruct
    void start() {
        if (settings.enabled()) {
            timer = scheduler.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void purge() {
        Instant now = Instant.now();
        Duration retention = settings.retention();
        try {
            int deleted = new UploadStore(settings.directory()).purge(
                    retention.isZero() ? null : now.minus(retention), now.minus(ABANDONED));
            if (deleted > 0) {
                LOG.info(() -> "deleted " + deleted + " uploaded files past their retention");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "purging " + settings.directory() + " failed", e);
        }
    }
}
