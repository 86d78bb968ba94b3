package siglab.core;

/**
 * One config key of a plug-in, read from its config record.
 *
 * @param key the YAML key (kebab-case), dotted for nested records
 * @param type a short name of its value type
 * @param defaultValue its default, or "required" / "none"
 * @param description one sentence from its {@code @Doc}
 */
public record ConfigOption(String key, String type, String defaultValue, String description) {}
