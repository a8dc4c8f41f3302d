package io.callcenter.customers;

import io.callcenter.kit.api.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** The customer REST API, in the response envelope; see the module README. */
@RestController
@RequestMapping("/api/customers")
public class CustomerController {
    private final CustomerService customers;

    public CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    @PostMapping("/search")
    public ApiResponse<List<Customer>> search(@RequestBody CustomerSearchRequest request) {
        return ApiResponse.ok(customers.search(request));
    }

    @GetMapping("/{id}")
    public ApiResponse<Customer> get(@PathVariable long id) {
        return ApiResponse.ok(customers.get(id));
    }

    @GetMapping("/by-cif/{cif}")
    public ApiResponse<Customer> getByCif(@PathVariable String cif) {
        return ApiResponse.ok(customers.getByCif(cif));
    }

    @PostMapping
    public ResponseEntity<ApiResponse<Customer>> create(@RequestBody CustomerRequest request) {
        Customer created = customers.create(request);
        return ResponseEntity.created(URI.create("/api/customers/" + created.id())).body(ApiResponse.ok(created));
    }

    @PutMapping("/{id}")
    public ApiResponse<Customer> update(@PathVariable long id, @RequestBody CustomerRequest request) {
        return ApiResponse.ok(customers.update(id, request));
    }
}
