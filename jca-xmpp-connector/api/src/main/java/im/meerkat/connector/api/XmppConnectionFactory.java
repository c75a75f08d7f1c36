package im.meerkat.connector.api;

import java.io.Serializable;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;

/**
 * The outbound connection factory of the XMPP resource adapter, bound in JNDI at {@link
 * #JNDI_NAME}. Obtain a connection, use it, close it (try-with-resources).
 */
public interface XmppConnectionFactory extends Serializable, Referenceable {

    /** Where the server's configuration binds the factory. */
    String JNDI_NAME = "java:/eis/XmppConnectionFactory";

    XmppConnection getConnection() throws ResourceException;
}
