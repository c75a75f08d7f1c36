package im.meerkat.server.adhoc;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The XEP-0133 commands the server offers, by node, in a stable order for disco#items. */
@ApplicationScoped
public class AdminCommands {

    private Iterable<AdminCommand> discovered;
    private List<AdminCommand> commands;

    /** For the container's proxy. */
    protected AdminCommands() {
    }

    @Inject
    public AdminCommands(@Any Instance<AdminCommand> commands) {
        this.discovered = commands;
    }

    /** For tests: these commands. */
    public AdminCommands(List<AdminCommand> commands) {
        this.discovered = commands;
        collect();
    }

    @PostConstruct
    void collect() {
        List<AdminCommand> list = new ArrayList<>();
        discovered.forEach(list::add);
        list.sort(Comparator.comparing(AdminCommand::node));
        commands = List.copyOf(list);
    }

    public List<AdminCommand> all() {
        return commands;
    }

    public Optional<AdminCommand> byNode(String node) {
        return commands.stream().filter(c -> c.node().equals(node)).findFirst();
    }
}
