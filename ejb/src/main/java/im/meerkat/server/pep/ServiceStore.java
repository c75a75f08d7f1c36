package im.meerkat.server.pep;

import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The nodes of the PubSub service (XEP-0060) with their owners, publishers and subscribers.
 * Nodes and items share the PEP tables ({@code meerkat_pep_node}, {@code meerkat_pep_item}),
 * keyed by the service's address where PEP has the account's; affiliations and subscriptions
 * are in {@code meerkat_pubsub_member}.
 */
@Stateless
public class ServiceStore {

    /** Affiliations (XEP-0060 §4.1) the service knows besides none. */
    static final String OWNER = "owner";
    static final String PUBLISHER = "publisher";

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public ServiceStore() {
    }

    /** For tests outside a container. */
    ServiceStore(EntityManager em) {
        this.em = em;
    }

    /** A node and its creator as owner (XEP-0060 §8.1); false when the node exists already. */
    public boolean create(Jid service, String node, NodeConfig config, Jid owner) {
        if (em.find(PepNode.class, new PepNode.Key(service.toString(), node)) != null) {
            return false;
        }
        em.persist(new PepNode(service.toString(), node, config));
        ServiceMember m = new ServiceMember(service.toString(), node, owner.bare().toString());
        m.affiliation(OWNER);
        em.persist(m);
        return true;
    }

    /** Deletes a node with its items, affiliations and subscriptions (XEP-0060 §8.4). */
    public boolean delete(Jid service, String node) {
        PepNode entity = em.find(PepNode.class, new PepNode.Key(service.toString(), node));
        if (entity == null) {
            return false;
        }
        em.createNamedQuery(PepItem.DELETE_NODE).setParameter("owner", service.toString())
                .setParameter("node", node).executeUpdate();
        em.createNamedQuery(ServiceMember.DELETE_NODE).setParameter("service", service.toString())
                .setParameter("node", node).executeUpdate();
        em.remove(entity);
        return true;
    }

    /** The affiliation of an entity's bare JID with a node, if any (XEP-0060 §4.1). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> affiliation(Jid service, String node, Jid entity) {
        return Optional.ofNullable(member(service, node, entity.bare().toString()))
                .map(ServiceMember::affiliation);
    }

    /** Every member record of a node: affiliations and subscriptions. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ServiceMember> members(Jid service, String node) {
        return em.createNamedQuery(ServiceMember.OF_NODE, ServiceMember.class)
                .setParameter("service", service.toString()).setParameter("node", node)
                .getResultList();
    }

    /** The member records of an entity's bare and full JID over all nodes. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ServiceMember> of(Jid service, Jid entity) {
        List<String> jids = entity.isFull() ? List.of(entity.bare().toString(), entity.toString())
                : List.of(entity.toString());
        return em.createNamedQuery(ServiceMember.OF_JID, ServiceMember.class)
                .setParameter("service", service.toString()).setParameter("jids", jids)
                .getResultList();
    }

    /**
     * Subscribes a JID to a node (XEP-0060 §6.1); an existing subscription keeps its id.
     *
     * @return the subscription id
     */
    public String subscribe(Jid service, String node, Jid subscriber) {
        ServiceMember m = member(service, node, subscriber.toString());
        if (m == null) {
            m = new ServiceMember(service.toString(), node, subscriber.toString());
            em.persist(m);
        }
        if (m.subid() == null) {
            m.subid(UUID.randomUUID().toString());
        }
        return m.subid();
    }

    /** Ends a subscription (XEP-0060 §6.2); false when the JID has none to this node. */
    public boolean unsubscribe(Jid service, String node, Jid subscriber) {
        ServiceMember m = member(service, node, subscriber.toString());
        if (m == null || m.subid() == null) {
            return false;
        }
        m.subid(null);
        if (m.isEmpty()) {
            em.remove(m);
        }
        return true;
    }

    /** Sets or removes ({@code null}) an affiliation (XEP-0060 §8.9.2). */
    public void affiliate(Jid service, String node, Jid entity, String affiliation) {
        ServiceMember m = member(service, node, entity.toString());
        if (m == null) {
            if (affiliation == null) {
                return;
            }
            m = new ServiceMember(service.toString(), node, entity.toString());
            em.persist(m);
        }
        m.affiliation(affiliation);
        if (m.isEmpty()) {
            em.remove(m);
        }
    }

    private ServiceMember member(Jid service, String node, String jid) {
        return em.find(ServiceMember.class, new ServiceMember.Key(service.toString(), node, jid));
    }
}
