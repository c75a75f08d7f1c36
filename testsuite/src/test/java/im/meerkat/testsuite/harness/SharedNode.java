package im.meerkat.testsuite.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The node every test class shares ({@link NodeConfig#shared()}): started by the first test
 * that asks for it and stopped when JUnit closes its root store at the end of the run, so one
 * Maven run starts it once. A failed start is remembered: later classes fail at once with the
 * same cause instead of trying again.
 *
 * <p>Test classes get it as a parameter ({@code @ExtendWith(SharedNode.class)}) or through
 * {@link Clients#onSharedNode()}.
 */
public final class SharedNode implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SharedNode.class);

    /** The shared node, started on first use. */
    public static MeerkatNode get(ExtensionContext context) {
        Holder holder = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("node", key -> Holder.start(), Holder.class);
        return holder.node();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MeerkatNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get(context);
    }

    /** The node or why it could not start; JUnit closes it with the root store. */
    private static final class Holder implements AutoCloseable {

        private final MeerkatNode node;
        private final RuntimeException failure;

        private Holder(MeerkatNode node, RuntimeException failure) {
            this.node = node;
            this.failure = failure;
        }

        static Holder start() {
            try {
                return new Holder(MeerkatNode.start(NodeConfig.shared()), null);
            } catch (RuntimeException e) {
                return new Holder(null, e);
            }
        }

        MeerkatNode node() {
            if (failure != null) {
                throw new IllegalStateException("the shared node did not start", failure);
            }
            return node;
        }

        @Override
        public void close() {
            if (node != null) {
                node.close();
            }
        }
    }
}
