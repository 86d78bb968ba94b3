package siglab.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a config record or one of its components, for {@code siglab plugins} and error
 * messages. Defaults are not repeated here: they are read from the record itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE, ElementType.FIELD, ElementType.METHOD,
    ElementType.PARAMETER})
public @interface Doc {
    /** One sentence. */
    String value();
}
