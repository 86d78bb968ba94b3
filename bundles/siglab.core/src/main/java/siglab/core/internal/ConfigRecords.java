package siglab.core.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import siglab.api.Doc;
import siglab.core.ConfigOption;

/** Reads config records: their YAML keys, types, defaults and descriptions. */
final class ConfigRecords {

    private ConfigRecords() {}

    /** The kebab-case YAML key of a record component name: {@code stepsPerEpoch} -> {@code steps-per-epoch}. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The YAML keys a record accepts. */
    static List<String> keys(Class<?> record) {
        if (!record.isRecord()) {
            return List.of();
        }
        return Arrays.stream(record.getRecordComponents()).map(c -> kebab(c.getName())).toList();
    }

    /** The record type of a component's key, if it is itself a record (for nested checks). */
    static Class<?> nestedRecord(Class<?> record, String key) {
        if (!record.isRecord()) {
            return null;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            if (kebab(component.getName()).equals(key) && component.getType().isRecord()) {
                return component.getType();
            }
        }
        return null;
    }

    /** A record built from all-null arguments: its defaults, or null when some value is required. */
    static Object defaults(Class<?> record) {
        try {
            Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Constructor<?> constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                args[i] = defaultPrimitive(types[i]);
            }
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object defaultPrimitive(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == long.class) {
            return 0L;
        }
        return 0;
    }

    /** Every key of a config record with type, default and description; nested records flattened with dots. */
    static List<ConfigOption> options(Class<?> record) {
        List<ConfigOption> options = new ArrayList<>();
        collect(record, "", options);
        return options;
    }

    private static void collect(Class<?> record, String prefix, List<ConfigOption> options) {
        if (!record.isRecord()) {
            return;
        }
        Object defaults = defaults(record);
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + kebab(component.getName());
            Doc doc = component.getAnnotation(Doc.class);
            String description = doc == null ? "" : doc.value();
            if (component.getType().isRecord()) {
                collect(component.getType(), key + ".", options);
                continue;
            }
            String value;
            if (defaults == null) {
                value = "required";
            } else {
                try {
                    Object v = component.getAccessor().invoke(defaults);
                    value = v == null ? "none" : v.toString();
                } catch (ReflectiveOperationException e) {
                    value = "?";
                }
            }
            options.add(new ConfigOption(key, typeName(component.getGenericType()), value, description));
        }
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            String args = Arrays.stream(parameterized.getActualTypeArguments()).map(ConfigRecords::typeName)
                    .reduce((a, b) -> a + ", " + b).orElse("");
            return simple(raw) + "<" + args + ">";
        }
        return simple(type);
    }

    private static String simple(Type type) {
        if (type instanceof Class<?> c) {
            if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
                return "integer";
            }
            if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
                return "number";
            }
            if (c == Boolean.class || c == boolean.class) {
                return "boolean";
            }
            if (c == String.class) {
                return "string";
            }
            if (c.isEnum()) {
                return String.join("|", Arrays.stream(c.getEnumConstants()).map(e -> e.toString().toLowerCase()).toList());
            }
            return c.getSimpleName().toLowerCase();
        }
        return type.getTypeName();
    }

    /** The candidate closest to {@code key} by edit distance, or null when none is close. */
    static String nearest(String key, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 2) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
