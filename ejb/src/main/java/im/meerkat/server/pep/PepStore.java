package im.meerkat.server.pep;

import im.meerkat.server.account.Account;
import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PEP nodes and items in tables {@code meerkat_pep_node} and {@code meerkat_pep_item} of the
 * persistence unit {@code meerkat}. Writers of one account are serialised on its account row, so
 * that two first publications to a node cannot both create it, and the newest items of a node
 * are the ones kept.
 */
@Stateless
public class PepStore {

    /** The longest node name and item id accepted, in characters. */
    public static final int MAX_NAME_CHARS = 255;

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public PepStore() {
    }

    /** For tests outside a container. */
    PepStore(EntityManager em) {
        this.em = em;
    }

    /** What a publication did. */
    public record Published(NodeConfig config, boolean created) {
    }

    /** A node's configuration, if the node exists. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<NodeConfig> node(Jid owner, String node) {
        return Optional.ofNullable(em.find(PepNode.class, key(owner, node)))
                .map(PepNode::config);
    }

    /** The names of an account's nodes, sorted. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> nodes(Jid owner) {
        return em.createNamedQuery(PepNode.OF_OWNER, PepNode.class)
                .setParameter("owner", owner.bare().toString())
                .getResultStream().map(PepNode::node).toList();
    }

    /**
     * The configuration of the nodes among {@code nodes} that the accounts among {@code owners}
     * have, by owner and node name.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<Jid, Map<String, NodeConfig>> nodes(Collection<Jid> owners, Set<String> nodes) {
        Map<Jid, Map<String, NodeConfig>> found = new LinkedHashMap<>();
        if (owners.isEmpty() || nodes.isEmpty()) {
            return found;
        }
        List<String> names = owners.stream().map(o -> o.bare().toString()).toList();
        for (PepNode n : em.createNamedQuery(PepNode.OF_OWNERS, PepNode.class)
                .setParameter("owners", names).setParameter("nodes", List.copyOf(nodes))
                .getResultList()) {
            found.computeIfAbsent(Jid.of(n.owner()), o -> new LinkedHashMap<>())
                    .put(n.node(), n.config());
        }
        return found;
    }

    /**
     * Publishes an item (XEP-0060 §7.1), creating the node with {@code ifNew} when it does not
     * exist (XEP-0163 §7.1), and keeps the node's newest items only.
     *
     * @param options publish-options (§7.1.5), checked against an existing node
     * @throws PreconditionFailure naming the first option an existing node does not meet;
     *     nothing is written then
     */
    public Published publish(Jid owner, String node, NodeConfig ifNew,
            Map<String, List<String>> options, String itemId, Jid publisher, String payload,
            long now, int serverMaxItems) throws PreconditionFailure {
        lock(owner);
        PepNode entity = em.find(PepNode.class, key(owner, node));
        boolean created = entity == null;
        if (created) {
            entity = new PepNode(owner.bare().toString(), node, ifNew);
            em.persist(entity);
        } else {
            Optional<String> unmet = ConfigForm.unmet(entity.config(), options);
            if (unmet.isPresent()) {
                throw new PreconditionFailure(unmet.get());
            }
        }
        long published = entity.nextPublished(now);
        PepItem item = em.find(PepItem.class, itemKey(owner, node, itemId));
        if (item == null) {
            item = new PepItem(owner.bare().toString(), node, itemId);
            item.set(published, publisher.toString(), payload);
            em.persist(item);
        } else {
            item.set(published, publisher.toString(), payload);
        }
        trim(owner, node, entity.config().keeps(serverMaxItems));
        return new Published(entity.config(), created);
    }

    /** Creates a node (XEP-0060 §8.1); false when it exists already. */
    public boolean create(Jid owner, String node, NodeConfig config) {
        lock(owner);
        if (em.find(PepNode.class, key(owner, node)) != null) {
            return false;
        }
        em.persist(new PepNode(owner.bare().toString(), node, config));
        return true;
    }

    /** Changes a node's configuration (XEP-0060 §8.2.4); false when the node does not exist. */
    public boolean configure(Jid owner, String node, NodeConfig config, int serverMaxItems) {
        lock(owner);
        PepNode entity = em.find(PepNode.class, key(owner, node));
        if (entity == null) {
            return false;
        }
        entity.configure(config);
        trim(owner, node, config.keeps(serverMaxItems));
        return true;
    }

    /**
     * The newest items of a node first, at most {@code max} (null: all it keeps), or those with
     * the given ids when {@code ids} is not empty.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredItem> items(Jid owner, String node, Integer max, Set<String> ids) {
        if (!ids.isEmpty()) {
            return ids.stream()
                    .map(id -> em.find(PepItem.class, itemKey(owner, node, id)))
                    .filter(i -> i != null).map(PepItem::toStored).toList();
        }
        var query = em.createNamedQuery(PepItem.OF_NODE, PepItem.class)
                .setParameter("owner", owner.bare().toString()).setParameter("node", node);
        if (max != null) {
            query.setMaxResults(max);
        }
        return query.getResultStream().map(PepItem::toStored).toList();
    }

    /** The last published item of a node (XEP-0060 §12.16), if it has one. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<StoredItem> last(Jid owner, String node) {
        return items(owner, node, 1, Set.of()).stream().findFirst();
    }

    /** Deletes an item (XEP-0060 §7.2); false when the node has no such item. */
    public boolean retract(Jid owner, String node, String itemId) {
        lock(owner);
        PepItem item = em.find(PepItem.class, itemKey(owner, node, itemId));
        if (item == null) {
            return false;
        }
        em.remove(item);
        return true;
    }

    /** Deletes a node and its items (XEP-0060 §8.4); false when it does not exist. */
    public boolean delete(Jid owner, String node) {
        lock(owner);
        PepNode entity = em.find(PepNode.class, key(owner, node));
        if (entity == null) {
            return false;
        }
        deleteItems(owner, node);
        em.remove(entity);
        return true;
    }

    /** Deletes a node's items (XEP-0060 §8.5); false when the node does not exist. */
    public boolean purge(Jid owner, String node) {
        lock(owner);
        if (em.find(PepNode.class, key(owner, node)) == null) {
            return false;
        }
        deleteItems(owner, node);
        return true;
    }

    /** Forgets every node and item of a deleted account. */
    public void deleteAccount(Jid owner) {
        String bare = owner.bare().toString();
        em.createNamedQuery(PepItem.DELETE_OWNER).setParameter("owner", bare).executeUpdate();
        em.createNamedQuery(PepNode.DELETE_OWNER).setParameter("owner", bare).executeUpdate();
    }

    private void deleteItems(Jid owner, String node) {
        em.flush();
        em.createNamedQuery(PepItem.DELETE_NODE).setParameter("owner", owner.bare().toString())
                .setParameter("node", node).executeUpdate();
    }

    /** Drops the oldest items beyond the node's limit. */
    private void trim(Jid owner, String node, int keep) {
        em.flush();
        List<PepItem> all = em.createNamedQuery(PepItem.OF_NODE, PepItem.class)
                .setParameter("owner", owner.bare().toString()).setParameter("node", node)
                .setFirstResult(keep).getResultList();
        all.forEach(em::remove);
    }

    private void lock(Jid owner) {
        em.find(Account.class, owner.bare().toString(), LockModeType.PESSIMISTIC_WRITE);
    }

    private static PepNode.Key key(Jid owner, String node) {
        return new PepNode.Key(owner.bare().toString(), node);
    }

    private static PepItem.Key itemKey(Jid owner, String node, String itemId) {
        return new PepItem.Key(owner.bare().toString(), node, itemId);
    }

    /** An existing node's configuration does not meet a publish option (XEP-0060 §7.1.5). */
    public static class PreconditionFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public PreconditionFailure(String field) {
            super(field);
        }
    }
}
