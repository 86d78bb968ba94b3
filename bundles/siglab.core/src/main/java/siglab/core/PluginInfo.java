package siglab.core;

import java.util.List;

/**
 * One registered plug-in component.
 *
 * @param kind its extension point
 * @param type its YAML {@code type:} value
 * @param description one sentence, from its service properties
 * @param bundle symbolic name of the bundle that provides it
 * @param bundleVersion that bundle's version
 * @param implementation the implementation class name
 * @param options its config keys (empty when it takes none)
 */
public record PluginInfo(Kind kind, String type, String description, String bundle, String bundleVersion,
        String implementation, List<ConfigOption> options) {}
