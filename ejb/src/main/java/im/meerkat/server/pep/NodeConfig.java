package im.meerkat.server.pep;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configuration of a PEP node (XEP-0060 §16.4.4, {@code pubsub#node_config}), as far as this
 * server supports it. {@link #MAX_ITEMS} stands for {@code max}: as many items as the server
 * keeps ({@link PepSettings#maxItems()}).
 *
 * @param access        {@code pubsub#access_model}
 * @param persistItems  {@code pubsub#persist_items}; a node that does not persist keeps its last
 *                      item alone, for {@code send_last_published_item}
 * @param maxItems      {@code pubsub#max_items}, at least 1
 * @param sendLast      {@code pubsub#send_last_published_item}
 * @param notifyRetract {@code pubsub#notify_retract}
 * @param deliverPayloads {@code pubsub#deliver_payloads}: false makes a notification-only node
 *                      (XEP-0060 §4.3), which the PubSub service offers and PEP does not
 */
public record NodeConfig(AccessModel access, boolean persistItems, int maxItems,
        SendLastPublished sendLast, boolean notifyRetract, boolean deliverPayloads) {

    public static final int MAX_ITEMS = Integer.MAX_VALUE;

    static final String ACCESS_MODEL = "pubsub#access_model";
    static final String PERSIST_ITEMS = "pubsub#persist_items";
    static final String MAX_ITEMS_FIELD = "pubsub#max_items";
    static final String SEND_LAST = "pubsub#send_last_published_item";
    static final String NOTIFY_RETRACT = "pubsub#notify_retract";
    static final String DELIVER_PAYLOADS = "pubsub#deliver_payloads";
    static final String DELIVER_NOTIFICATIONS = "pubsub#deliver_notifications";

    /**
     * A new node's configuration when the publisher gives none (XEP-0163 §4.2: presence access;
     * the last item sent on presence, §4.3.4): one item, persisted.
     */
    public static final NodeConfig DEFAULT = new NodeConfig(AccessModel.PRESENCE, true, 1,
            SendLastPublished.ON_SUB_AND_PRESENCE, true);

    public NodeConfig {
        if (maxItems < 1) {
            throw new IllegalArgumentException("max_items must be at least 1");
        }
    }

    /** A node that delivers payloads. */
    public NodeConfig(AccessModel access, boolean persistItems, int maxItems,
            SendLastPublished sendLast, boolean notifyRetract) {
        this(access, persistItems, maxItems, sendLast, notifyRetract, true);
    }

    /**
     * The default configuration of a node of the PubSub service (XEP-0060 §8.3): open access,
     * ten items persisted, the last item sent on subscription.
     */
    public static final NodeConfig SERVICE_DEFAULT = new NodeConfig(AccessModel.OPEN, true, 10,
            SendLastPublished.NEVER, true, true);

    /** The same configuration keeping up to {@code max} items. */
    NodeConfig withMax(int max) {
        return new NodeConfig(access, persistItems, max, sendLast, notifyRetract, deliverPayloads);
    }

    /** Whether PEP offers this configuration: PEP nodes always deliver payloads. */
    boolean pepSupported() {
        return deliverPayloads;
    }

    /** The fields {@link #with} and {@link #matches} understand. */
    static final List<String> FIELDS = List.of(ACCESS_MODEL, PERSIST_ITEMS, MAX_ITEMS_FIELD,
            SEND_LAST, NOTIFY_RETRACT, DELIVER_PAYLOADS, DELIVER_NOTIFICATIONS);

    /**
     * This configuration with one form field set; empty when the field is unknown or its value
     * is not one this server supports.
     */
    Optional<NodeConfig> with(String var, List<String> values) {
        if (values.size() != 1) {
            return Optional.empty();
        }
        String v = values.get(0).trim();
        return switch (var) {
            case ACCESS_MODEL -> AccessModel.of(v).map(a -> new NodeConfig(a, persistItems,
                    maxItems, sendLast, notifyRetract, deliverPayloads));
            case PERSIST_ITEMS -> bool(v).map(p -> new NodeConfig(access, p, maxItems, sendLast,
                    notifyRetract, deliverPayloads));
            case MAX_ITEMS_FIELD -> maxItems(v).map(m -> new NodeConfig(access, persistItems, m,
                    sendLast, notifyRetract, deliverPayloads));
            case SEND_LAST -> SendLastPublished.of(v).map(s -> new NodeConfig(access,
                    persistItems, maxItems, s, notifyRetract, deliverPayloads));
            case NOTIFY_RETRACT -> bool(v).map(n -> new NodeConfig(access, persistItems,
                    maxItems, sendLast, n, deliverPayloads));
            case DELIVER_PAYLOADS -> bool(v).map(d -> new NodeConfig(access, persistItems,
                    maxItems, sendLast, notifyRetract, d));
            // Notifications are always delivered: only "true" is possible.
            case DELIVER_NOTIFICATIONS -> bool(v).filter(b -> b).map(b -> this);
            default -> Optional.empty();
        };
    }

    /**
     * Whether a publish option holds for this configuration (XEP-0060 §7.1.5): a field this
     * server does not know, or a value other than the node's, is a precondition not met.
     */
    boolean matches(String var, List<String> values) {
        return with(var, values).map(this::equals).orElse(false);
    }

    /** The value of a field as a configuration form shows it. */
    String value(String var) {
        return switch (var) {
            case ACCESS_MODEL -> access.value();
            case PERSIST_ITEMS -> Boolean.toString(persistItems);
            case MAX_ITEMS_FIELD -> maxItems == MAX_ITEMS ? "max" : Integer.toString(maxItems);
            case SEND_LAST -> sendLast.value();
            case NOTIFY_RETRACT -> Boolean.toString(notifyRetract);
            case DELIVER_PAYLOADS -> Boolean.toString(deliverPayloads);
            case DELIVER_NOTIFICATIONS -> "true";
            default -> throw new IllegalArgumentException(var);
        };
    }

    /** How many items the node keeps, with the server's limit applied. */
    int keeps(int serverMax) {
        return persistItems ? Math.min(maxItems, serverMax) : 1;
    }

    private static Optional<Boolean> bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> Optional.of(true);
            case "0", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static Optional<Integer> maxItems(String v) {
        if (v.equals("max")) {
            return Optional.of(MAX_ITEMS);
        }
        try {
            int n = Integer.parseInt(v);
            return n >= 1 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
