package siglab.cli.internal;

import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.ToIntFunction;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siglab.api.SigLab;
import siglab.core.Experiments;
import siglab.core.Plugins;

/** The {@code siglab} command line, handed to the launcher as its main service. */
@Component(service = ToIntFunction.class, property = "siglab.main=true")
public final class SigLabCommand implements ToIntFunction<String[]> {

    final Experiments experiments;
    final Plugins plugins;
    final ServiceComponentRuntime runtime;
    final BundleContext context;

    @Activate
    public SigLabCommand(@Reference Experiments experiments, @Reference Plugins plugins,
            @Reference ServiceComponentRuntime runtime, BundleContext context) {
        this.experiments = experiments;
        this.plugins = plugins;
        this.runtime = runtime;
        this.context = context;
    }

    /** Commands contributed by other bundles, by name. */
    private final java.util.Map<String, java.util.concurrent.Callable<?>> contributed =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    @Reference(service = java.util.concurrent.Callable.class, target = "(" + SigLab.COMMAND + "=*)",
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    void addCommand(java.util.concurrent.Callable<?> command, java.util.Map<String, Object> properties) {
        contributed.put(String.valueOf(properties.get(SigLab.COMMAND)), command);
    }

    void removeCommand(java.util.concurrent.Callable<?> command, java.util.Map<String, Object> properties) {
        contributed.remove(String.valueOf(properties.get(SigLab.COMMAND)), command);
    }

    @Override
    public int applyAsInt(String[] args) {
        CommandLine commandLine = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        return commandLine.execute(args);
    }

    CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Root(this));
        commandLine.addSubcommand(new RunCommand(this));
        commandLine.addSubcommand(new VerifyCommand(this));
        commandLine.addSubcommand(new ExportCommand(this));
        commandLine.addSubcommand(new PluginsCommand(this));
        commandLine.addSubcommand(new EvalCommand(this));
        commandLine.addSubcommand(new BenchCommand(this));
        commandLine.addSubcommand(new RunsCommand(this));
        commandLine.addSubcommand(new ResumeCommand(this));
        commandLine.addSubcommand(new RerunCommand(this));
        commandLine.addSubcommand(new ConsoleCommand(this));
        contributed.forEach((name, command) -> {
            if (!commandLine.getSubcommands().containsKey(name)) {
                commandLine.addSubcommand(name, command);
            }
        });
        commandLine.getCommandSpec().versionProvider(this::version);
        // Every command answers -V/--version the same way.
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(this::version));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failing = e.getCommandLine();
            failing.getErr().println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failing.getErr());
            failing.usage(failing.getErr());
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("siglab " + cmd.getCommandName() + ": " + e.getMessage());
            if (e instanceof siglab.core.RunInterruptedException) {
                return 130;
            }
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine;
    }

    /** The top-level command: options the launcher reads, and the version. */
    @Command(name = "siglab", mixinStandardHelpOptions = true,
            usageHelpAutoWidth = true,
            description = {"SigLab: a workbench for offline signature verification with Siamese networks.",
                "Every part (datasets, encoders, losses, training loops, metrics, plots) is an OSGi plug-in."},
            footer = {"", "Examples:",
                "  ./siglab run configs/quickstart.yaml",
                "  ./siglab run configs/quickstart.yaml training.epochs=3 encoder.embedding=64",
                "  ./siglab verify --run experiments/quickstart/<run-id> a.png b.png",
                "  ./siglab plugins --kind encoder"})
    static final class Root implements Runnable {
        private final SigLabCommand owner;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--feature", paramLabel = "NAME",
                description = "Feature to boot (repeatable; read by the launcher, give it first). Default: siglab.default.")
        List<String> features;

        @Option(names = "--plugins", paramLabel = "DIR",
                description = "Folder watched for drop-in bundles (read by the launcher, give it first). Default: plugins/.")
        String pluginsFolder;

        Root(SigLabCommand owner) {
            this.owner = owner;
        }

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: say which command to run");
        }
    }

    /**
     * The service that exports models, from the siglab.export bundle: looked up when a command needs
     * it, so that a workbench booted without that bundle still runs every other command.
     *
     * @throws IllegalStateException naming the command when no bundle provides it
     */
    siglab.core.ModelExports modelExports(String command) {
        org.osgi.framework.ServiceReference<siglab.core.ModelExports> reference =
                context.getServiceReference(siglab.core.ModelExports.class);
        siglab.core.ModelExports service = reference == null ? null : context.getService(reference);
        if (service == null) {
            throw new IllegalStateException("'" + command + "' needs the siglab.export bundle, which is not installed "
                    + "(boot the siglab.default feature)");
        }
        return service;
    }

    /** SigLab version and commit, DJL and engine versions, Java and OS. */
    String[] version() {
        String home = context.getProperty("siglab.home");
        String commit = git(home, "rev-parse", "--short=12", "HEAD");
        String dirty = git(home, "status", "--porcelain", "--untracked-files=no");
        Engine engine = Engine.getInstance();
        return new String[] {
            "SigLab " + context.getBundle().getVersion() + " (commit " + (commit == null ? "unknown" : commit)
                    + (dirty != null && !dirty.isEmpty() ? ", with uncommitted changes" : "") + ")",
            "DJL " + Engine.getDjlVersion() + ", engine " + engine.getEngineName() + " " + engine.getVersion()
                    + (Boolean.getBoolean("ai.djl.offline") ? " (offline)" : ""),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }

    private static String git(String home, String... args) {
        if (home == null) {
            return null;
        }
        try {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", home));
            command.addAll(java.util.List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? out : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
