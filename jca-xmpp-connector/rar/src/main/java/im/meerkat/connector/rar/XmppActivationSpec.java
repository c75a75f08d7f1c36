package im.meerkat.connector.rar;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import im.meerkat.connector.rar.net.ListenerSpec;

/**
 * What a message-driven bean listens to (Connectors 2.1 §13.4.2): the property {@code
 * listeners} names the sockets, comma-separated, from {@code c2s}, {@code c2s-tls} and {@code
 * s2s}. The bean's activation opens them and its deactivation closes them.
 */
public class XmppActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    private String listeners = ListenerSpec.C2S + "," + ListenerSpec.C2S_TLS;
    private transient ResourceAdapter resourceAdapter;

    public String getListeners() {
        return listeners;
    }

    public void setListeners(String listeners) {
        this.listeners = listeners;
    }

    /** The listener names, checked, without duplicates. */
    public List<String> listenerNames() throws InvalidPropertyException {
        if (listeners == null || listeners.isBlank()) {
            throw new InvalidPropertyException("listeners must name at least one of c2s,"
                    + " c2s-tls, s2s");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : listeners.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                names.add(ListenerSpec.named(part, new InetSocketAddress(0)).name());
            } catch (IllegalArgumentException e) {
                throw new InvalidPropertyException(e.getMessage());
            }
        }
        if (names.isEmpty()) {
            throw new InvalidPropertyException("listeners names none of c2s, c2s-tls, s2s");
        }
        return new ArrayList<>(names);
    }

    @Override
    public void validate() throws InvalidPropertyException {
        listenerNames();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XmppActivationSpec other && Objects.equals(listeners, other.listeners);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(listeners);
    }

    @Override
    public String toString() {
        return "XmppActivationSpec[listeners=" + listeners + "]";
    }
}
