package siglab.api;

/**
 * A provider configured by one YAML section. The core binds the section (without its
 * {@code type:} key) to {@link #configType()}, with kebab-case keys, rejecting unknown keys; the
 * record's compact constructor fills defaults for absent (null) values and throws
 * {@link IllegalArgumentException} for values out of range.
 *
 * @param <C> the config record
 */
public interface Configurable<C extends Record> {

    /** The config record that this provider's YAML section binds to. */
    Class<C> configType();
}
