package io.callcenter.customers;

import io.callcenter.customers.phone.PartialPhoneQuery;
import io.callcenter.customers.phone.PhoneNormaliser;
import io.callcenter.kit.api.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.util.List;

/** Checks requests with {@link CustomerRules}, refuses bad ones before anything is written, and runs the searches. */
@Service
public class CustomerService {
    private final CustomerRepository repository;
    private final CustomerRules rules;
    private final PhoneNormaliser phones;
    private final CustomerProperties properties;

    public CustomerService(CustomerRepository repository, CustomerRules rules, PhoneNormaliser phones,
                           CustomerProperties properties) {
        this.repository = repository;
        this.rules = rules;
        this.phones = phones;
        this.properties = properties;
    }

    public List<Customer> search(CustomerSearchRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid_request", "request body must be a JSON object");
        }
        String written = request.phoneNumber();
        if (written == null || written.isBlank()) {
            throw ApiException.badRequest("validation_failed", "field 'phoneNumber' is required");
        }
        if (request.exact()) {
            String e164 = phones.e164OrNull(written);
            if (e164 == null) {
                throw ApiException.badRequest("invalid_phone_number", "field 'phoneNumber' is not a valid phone "
                        + "number for region " + phones.defaultRegion() + ": '" + written.strip() + "'");
            }
            return repository.findByE164(e164);
        }
        PartialPhoneQuery query;
        try {
            query = PartialPhoneQuery.parse(written, properties.partialSearchMinDigits(), phones);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_phone_number", "field 'phoneNumber' " + e.getMessage());
        }
        return repository.searchPartial(query, properties.partialSearchLimit());
    }

    public Customer get(long id) {
        return repository.findById(id).orElseThrow(() -> notFound("id", String.valueOf(id)));
    }

    public Customer getByCif(String cif) {
        return repository.findByCif(cif).orElseThrow(() -> notFound("cif", cif));
    }

    public Customer create(CustomerRequest request) {
        ValidCustomer valid = validate(request);
        try {
            return get(repository.insert(valid));
        } catch (DuplicateKeyException e) {
            throw duplicateCif(valid.cif());
        }
    }

    public Customer update(long id, CustomerRequest request) {
        ValidCustomer valid = validate(request);
        boolean updated;
        try {
            updated = repository.update(id, valid);
        } catch (DuplicateKeyException e) {
            throw duplicateCif(valid.cif());
        }
        if (!updated) {
            throw notFound("id", String.valueOf(id));
        }
        return get(id);
    }

    private ValidCustomer validate(CustomerRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid_request", "request body is required");
        }
        CustomerRules.Outcome outcome = rules.check(request.fullName(), request.phoneNumber(), request.email(),
                request.cif());
        if (!outcome.valid()) {
            throw ApiException.badRequest("validation_failed", outcome.describe());
        }
        return outcome.customer();
    }

    private static ApiException duplicateCif(String cif) {
        return ApiException.conflict("duplicate_cif", "field 'cif' is already used by another customer: '" + cif + "'");
    }

    private static ApiException notFound(String field, String value) {
        return ApiException.notFound("customer_not_found", "no customer with " + field + " '" + value + "'");
    }
}
