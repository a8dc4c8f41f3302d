package io.callcenter.kit.api;

import tools.jackson.core.JacksonException;

import java.util.stream.Collectors;

/** Names the field a Jackson error is about, as a dotted path ({@code customer.phoneNumber}, {@code items[2]}). */
final class JsonPaths {
    private JsonPaths() {
    }

    static String of(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a " + type.getSimpleName();
    }
}
