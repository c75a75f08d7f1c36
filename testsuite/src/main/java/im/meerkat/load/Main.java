package im.meerkat.load;

import java.util.Arrays;

/**
 * Entry point of {@code bin/meerkat-load SCENARIO [--name value ...]}. Every run is bounded in
 * sessions, messages and time, and is meant for servers on the loopback interface.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Options options;
        try {
            options = new Options(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("meerkat-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(args[0], options);
        } catch (IllegalArgumentException e) {
            System.err.println("meerkat-load: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String scenario, Options options) throws Exception {
        switch (scenario) {
            case "idle" -> IdleScenario.run(options);
            case "latency" -> LatencyScenario.run(options);
            case "startup" -> StartupScenario.run(options);
            case "chat" -> ChatScenario.run(options);
            case "login-storm" -> LoginStormScenario.run(options);
            case "presence" -> PresenceScenario.run(options);
            case "offline" -> OfflineScenario.run(options);
            case "chart" -> Charts.run(options);
            default -> {
                System.err.println("meerkat-load: unknown scenario " + scenario);
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("""
                usage: bin/meerkat-load SCENARIO [--name value ...]
                  idle      --sessions N --concurrency N --mechanism PLAIN|SCRAM_SHA_256 --sources IP,IP-IP --hold S
                            --processes K (K load processes, a K-th of the sessions each; also for chat)
                            --transport tcp|websocket|bosh (--web-port P, --wait S for BOSH)
                  latency   --messages N --rate N (0: full speed) --warmup N --transport tcp|websocket|bosh
                  startup   --runs N --keep true|false
                  chat      --users N (even, <= 10000 per process) --rate MSG/S --duration S --warmup S --mechanism M
                            --sources IP,IP-IP --processes K --rates A,B,C --archive always,never --readers N
                  presence  --users N --contacts N --rounds N (login with a roster of N online contacts)
                  offline   --messages N --rounds N --settle MS (delivery of stored messages on login)
                  chart     --csv FILE (PNG charts of a run's CSV)
                  login-storm --count N --rate LOGINS/S --concurrency N --accounts N --mechanism PLAIN|SCRAM_SHA_256
                  chat and login-storm write one CSV row a second to testsuite/target/load/ (or --csv FILE)
                common:     --node N (default 1) | --host H --port P --domain D --admin-url U
                            --admin-user U --admin-password P --pid PID
                            --create-accounts false (they exist, e.g. on another server)""");
    }
}
