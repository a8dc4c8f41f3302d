package io.callcenter.customers;

import io.callcenter.customers.phone.NormalisedPhone;
import io.callcenter.customers.phone.PhoneNormaliser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one set of rules for customer fields, shared by the REST API and the bulk import so that both accept exactly
 * the same rows. The CIF's uniqueness is left to the database's unique index, which is the only race-free check.
 */
public final class CustomerRules {
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_CIF = 32;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CIF = Pattern.compile("[A-Za-z0-9._-]+");

    private final PhoneNormaliser phones;

    public CustomerRules(PhoneNormaliser phones) {
        this.phones = phones;
    }

    /** The checked customer and no problems, or no customer and every problem found. */
    public record Outcome(ValidCustomer customer, List<FieldProblem> problems) {
        public boolean valid() {
            return customer != null;
        }

        /** Every problem, one per field, in field order. */
        public String describe() {
            return String.join("; ", problems.stream().map(FieldProblem::describe).toList());
        }
    }

    public Outcome check(String fullName, String phoneNumber, String email, String cif) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = strip(fullName);
        if (name == null) {
            problems.add(new FieldProblem("fullName", "is required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new FieldProblem("fullName", "must be at most " + MAX_NAME + " characters"));
        }
        String phone = strip(phoneNumber);
        Optional<NormalisedPhone> normalised = Optional.empty();
        if (phone == null) {
            problems.add(new FieldProblem("phoneNumber", "is required"));
        } else {
            normalised = phones.normalise(phone);
            if (normalised.isEmpty()) {
                problems.add(new FieldProblem("phoneNumber", "is not a valid phone number for region "
                        + phones.defaultRegion() + ": '" + abbreviate(phone) + "'"));
            }
        }
        String mail = strip(email);
        if (mail != null && (mail.length() > MAX_EMAIL || !EMAIL.matcher(mail).matches())) {
            problems.add(new FieldProblem("email", "is not a valid email address: '" + abbreviate(mail) + "'"));
        }
        String id = strip(cif);
        if (id == null) {
            problems.add(new FieldProblem("cif", "is required"));
        } else if (id.length() > MAX_CIF || !CIF.matcher(id).matches()) {
            problems.add(new FieldProblem("cif", "must be 1 to " + MAX_CIF
                    + " letters, digits, '.', '_' or '-': '" + abbreviate(id) + "'"));
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, List.copyOf(problems));
        }
        return new Outcome(new ValidCustomer(name, phone, normalised.get(), mail, id), List.of());
    }

    private static String strip(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String abbreviate(String value) {
        return value.length() <= 50 ? value : value.substring(0, 47) + "...";
    }
}
