package io.callcenter.kit.api;

import tools.jackson.core.JacksonException;

import java.util.Arrays;
import java.util.Optional;
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
        return jsonTypeName(type).orElse("a " + type.getSimpleName());
    }

    /** What a client must send for a field of this type, when that is a JSON scalar or an enum; else empty. */
    static Optional<String> jsonTypeName(Class<?> type) {
        if (type == null) {
            return Optional.empty();
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return Optional.of("an integer");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Optional.of("true or false");
        }
        if (type == String.class) {
            return Optional.of("a string");
        }
        if (type.isEnum()) {
            return Optional.of("one of " + Arrays.toString(type.getEnumConstants()));
        }
        return Optional.empty();
    }
}
