package io.callcenter.customers;

/** Why one field of a customer cannot be accepted. */
public record FieldProblem(String field, String message) {
    public String describe() {
        return "field '" + field + "' " + message;
    }
}
