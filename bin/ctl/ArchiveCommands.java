import java.io.PrintStream;
import java.util.List;

/** The message archive commands (XEP-0313, docs/ARCHIVE.md): purges. */
final class ArchiveCommands {

    private ArchiveCommands() {
    }

    static void mamPurgeOlder(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        Object answer = api.send("DELETE", "/archive?older-than-days=" + Encode.segment(args.get(0)),
                null, 200);
        out.println("deleted " + Json.field(answer, "deleted", "?") + " archived messages");
    }

    static void mamPurge(AdminClient api, List<String> args, PrintStream out)
            throws CtlException {
        String path = "/archive/" + Encode.jid(args.get(0));
        if (args.size() > 1) {
            path += "?older-than-days=" + Encode.segment(args.get(1));
        }
        Object answer = api.send("DELETE", path, null, 200);
        out.println("deleted " + Json.field(answer, "deleted", "?") + " archived messages of "
                + args.get(0));
    }
}
