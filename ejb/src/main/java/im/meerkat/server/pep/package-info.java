/**
 * Personal Eventing Protocol, XEP-0163, on a minimal core of Publish-Subscribe, XEP-0060: every
 * account is a PEP service at its bare JID, with auto-created nodes, publish-options, items
 * retrieval, retraction, node deletion, purge and configuration, and notifications to the
 * owner's resources and to contacts with a presence subscription, filtered by the {@code +notify}
 * features of their entity capabilities (XEP-0115). On the same core, the generic PubSub service
 * at {@code pubsub.<domain>} ({@link im.meerkat.server.pep.PubSubService}) with explicit
 * subscriptions and affiliations.
 */
package im.meerkat.server.pep;
