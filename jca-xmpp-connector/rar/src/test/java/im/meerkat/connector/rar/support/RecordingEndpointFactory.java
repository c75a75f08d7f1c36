package im.meerkat.connector.rar.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import javax.transaction.xa.XAResource;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import im.meerkat.connector.api.StanzaListener;

/**
 * A message endpoint factory as a container provides one: each endpoint is a proxy that
 * implements StanzaListener and MessageEndpoint and forwards listener calls to a bean.
 */
public final class RecordingEndpointFactory implements MessageEndpointFactory {

    private final StanzaListener bean;
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger released = new AtomicInteger();

    public RecordingEndpointFactory(StanzaListener bean) {
        this.bean = bean;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) {
        created.incrementAndGet();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == StanzaListener.class) {
                try {
                    return method.invoke(bean, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            if (method.getName().equals("release")) {
                released.incrementAndGet();
            }
            return null;
        };
        return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StanzaListener.class, MessageEndpoint.class}, handler);
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return "test";
    }

    @Override
    public Class<?> getEndpointClass() {
        return bean.getClass();
    }
}
