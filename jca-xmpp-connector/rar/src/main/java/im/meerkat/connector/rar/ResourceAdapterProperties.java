package im.meerkat.connector.rar;

import java.util.Objects;

/**
 * The resource adapter's config properties as JavaBean properties (Connectors 2.1 §5.3.2), with
 * the defaults of {@link ConnectorSettings}. ra.xml declares each; the server's configuration
 * may override them (docs/CONNECTOR.md).
 */
public abstract class ResourceAdapterProperties {

    private Integer selectorThreads = ConnectorSettings.DEFAULT_SELECTOR_THREADS;
    private Integer deliveryThreads = ConnectorSettings.DEFAULT_DELIVERY_THREADS;
    private Integer mailboxCapacity = ConnectorSettings.DEFAULT_MAILBOX_CAPACITY;
    private Integer outboundQueueBytes = ConnectorSettings.DEFAULT_OUTBOUND_QUEUE_BYTES;
    private Integer keepaliveSeconds = ConnectorSettings.DEFAULT_KEEPALIVE_SECONDS;
    private Integer idleTimeoutSeconds = ConnectorSettings.DEFAULT_IDLE_TIMEOUT_SECONDS;
    private Integer closeGraceMillis = ConnectorSettings.DEFAULT_CLOSE_GRACE_MILLIS;
    private Integer maxStanzaBytes = ConnectorSettings.DEFAULT_MAX_STANZA_BYTES;
    private Integer maxDepth = ConnectorSettings.DEFAULT_MAX_DEPTH;
    private Integer maxAttributes = ConnectorSettings.DEFAULT_MAX_ATTRIBUTES;

    public Integer getSelectorThreads() {
        return selectorThreads;
    }

    public void setSelectorThreads(Integer value) {
        selectorThreads = value;
    }

    public Integer getDeliveryThreads() {
        return deliveryThreads;
    }

    public void setDeliveryThreads(Integer value) {
        deliveryThreads = value;
    }

    public Integer getMailboxCapacity() {
        return mailboxCapacity;
    }

    public void setMailboxCapacity(Integer value) {
        mailboxCapacity = value;
    }

    public Integer getOutboundQueueBytes() {
        return outboundQueueBytes;
    }

    public void setOutboundQueueBytes(Integer value) {
        outboundQueueBytes = value;
    }

    public Integer getKeepaliveSeconds() {
        return keepaliveSeconds;
    }

    public void setKeepaliveSeconds(Integer value) {
        keepaliveSeconds = value;
    }

    public Integer getIdleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    public void setIdleTimeoutSeconds(Integer value) {
        idleTimeoutSeconds = value;
    }

    public Integer getCloseGraceMillis() {
        return closeGraceMillis;
    }

    public void setCloseGraceMillis(Integer value) {
        closeGraceMillis = value;
    }

    public Integer getMaxStanzaBytes() {
        return maxStanzaBytes;
    }

    public void setMaxStanzaBytes(Integer value) {
        maxStanzaBytes = value;
    }

    public Integer getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(Integer value) {
        maxDepth = value;
    }

    public Integer getMaxAttributes() {
        return maxAttributes;
    }

    public void setMaxAttributes(Integer value) {
        maxAttributes = value;
    }

    boolean sameProperties(ResourceAdapterProperties o) {
        return Objects.equals(selectorThreads, o.selectorThreads)
                && Objects.equals(deliveryThreads, o.deliveryThreads)
                && Objects.equals(mailboxCapacity, o.mailboxCapacity)
                && Objects.equals(outboundQueueBytes, o.outboundQueueBytes)
                && Objects.equals(keepaliveSeconds, o.keepaliveSeconds)
                && Objects.equals(idleTimeoutSeconds, o.idleTimeoutSeconds)
                && Objects.equals(closeGraceMillis, o.closeGraceMillis)
                && Objects.equals(maxStanzaBytes, o.maxStanzaBytes)
                && Objects.equals(maxDepth, o.maxDepth)
                && Objects.equals(maxAttributes, o.maxAttributes);
    }
}
