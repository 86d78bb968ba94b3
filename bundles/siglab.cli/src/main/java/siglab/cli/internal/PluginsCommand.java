package siglab.cli.internal;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siglab.core.ConfigOption;
import siglab.core.Kind;
import siglab.core.PluginInfo;

/** {@code siglab plugins}: the installed bundles and the plug-in components they provide. */
@Command(name = "plugins", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Lists the installed bundles and plug-in components.",
            "Every bundle with its version and state, and every plug-in component grouped by kind",
            "with its type and the bundle that provides it.",
            "With --kind, shows each component's config keys with type, default and description."})
final class PluginsCommand implements Callable<Integer> {

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Only this kind, with config keys: dataset, encoder, loss, training, threshold, metric, plot.")
    String kind;

    PluginsCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Kind only = null;
        if (kind != null) {
            try {
                only = Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("siglab plugins: unknown kind '" + kind + "'; kinds: "
                        + String.join(", ", Arrays.stream(Kind.values()).map(Kind::label).toList()));
                return 2;
            }
        }
        if (only == null) {
            printBundles(out);
        }
        List<PluginInfo> all = owner.plugins.list();
        out.println(only == null ? "Components:" : "Components of kind " + only.label() + ":");
        for (Kind k : Kind.values()) {
            if (only != null && k != only) {
                continue;
            }
            List<PluginInfo> ofKind = all.stream().filter(p -> p.kind() == k).toList();
            out.printf(Locale.ROOT, "  %s (%s)%n", k.label(), k.yamlKey());
            if (only != null && !k.coreOptions().isEmpty()) {
                out.println("    every " + k.label() + " also takes:");
                for (ConfigOption option : k.coreOptions()) {
                    out.printf(Locale.ROOT, "        %-22s %-14s default %-10s %s%n", option.key(), option.type(),
                            option.defaultValue(), option.description());
                }
            }
            if (ofKind.isEmpty()) {
                out.println("    (none installed)");
            }
            for (PluginInfo plugin : ofKind) {
                out.printf(Locale.ROOT, "    %-18s %-28s %s%n", plugin.type(), plugin.bundle() + " " + plugin.bundleVersion(),
                        plugin.description());
                if (only != null) {
                    for (ConfigOption option : plugin.options()) {
                        out.printf(Locale.ROOT, "        %-22s %-14s default %-10s %s%n", option.key(), option.type(),
                                option.defaultValue(), option.description());
                    }
                    if (plugin.options().isEmpty()) {
                        out.println("        (no settings)");
                    }
                }
            }
        }
        printUnsatisfied(out);
        out.flush();
        return 0;
    }

    private void printBundles(PrintWriter out) {
        out.println("Bundles:");
        out.printf(Locale.ROOT, "  %3s  %-10s %-36s %s%n", "ID", "STATE", "NAME", "VERSION");
        String failed = System.getProperty("siglab.failed", "");
        for (Bundle bundle : owner.context.getBundles()) {
            String state = state(bundle);
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (bundle.getState() != Bundle.ACTIVE && !fragment && bundle.getBundleId() != 0) {
                // Every bundle is started, by the launcher or by FileInstall: one that is not has failed.
                state = Arrays.asList(failed.split(",")).contains(bundle.getSymbolicName()) ? "FAILED"
                        : state + " (not started)";
            }
            out.printf(Locale.ROOT, "  %3d  %-10s %-36s %s%n", bundle.getBundleId(), state, bundle.getSymbolicName(),
                    bundle.getVersion());
        }
    }

    /** DS components that are installed but cannot work, with what they are missing. */
    private void printUnsatisfied(PrintWriter out) {
        boolean header = false;
        for (ComponentDescriptionDTO description : owner.runtime.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : owner.runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                        || configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    if (!header) {
                        out.println("Components that cannot work:");
                        header = true;
                    }
                    String why = configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                            ? "activation failed: " + configuration.failure
                            : configuration.unsatisfiedReferences.length > 0
                                    ? "missing " + configuration.unsatisfiedReferences[0].target
                                            + " reference " + configuration.unsatisfiedReferences[0].name
                                    : "waiting for configuration";
                    out.printf(Locale.ROOT, "  %s (bundle %s): %s%n", description.name,
                            description.bundle.symbolicName, why.lines().findFirst().orElse(why));
                }
            }
        }
    }

    private static String state(Bundle bundle) {
        switch (bundle.getState()) {
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            default: return "UNINSTALLED";
        }
    }
}
