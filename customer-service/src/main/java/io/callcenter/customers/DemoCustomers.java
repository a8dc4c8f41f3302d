package io.callcenter.customers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The local run's customers ({@code demo} profile only), added through the same rules as the API so their numbers are
 * normalised like any other; a customer whose CIF already exists is left alone, so restarts change nothing.
 */
@Component
@Profile("demo")
class DemoCustomers implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoCustomers.class);

    static final List<CustomerRequest> CUSTOMERS = List.of(
            new CustomerRequest("Nguyễn Văn A", "0912345678", "nguyenvana@email.com", "CIF001230022"),
            new CustomerRequest("Trần Thị Bích Ngọc", "0987654321", "tranthibichngoc@email.com", "CIF001230023"),
            new CustomerRequest("Lê Hoàng Long", "+84 903 123 456", "lehoanglong@email.com", "CIF001230024"),
            new CustomerRequest("Phạm Thị Hương", "0355 678 910", "phamthihuong@email.com", "CIF001230025"),
            new CustomerRequest("Võ Minh Đức", "84778123456", "vominhduc@email.com", "CIF001230026"),
            new CustomerRequest("Đặng Thùy Dương", "024 3825 1234", null, "CIF001230027"));

    private final CustomerRepository repository;
    private final CustomerRules rules;

    DemoCustomers(CustomerRepository repository, CustomerRules rules) {
        this.repository = repository;
        this.rules = rules;
    }

    @Override
    public void run(ApplicationArguments args) {
        int added = 0;
        for (CustomerRequest c : CUSTOMERS) {
            if (repository.findByCif(c.cif()).isEmpty()) {
                CustomerRules.Outcome outcome = rules.check(c.fullName(), c.phoneNumber(), c.email(), c.cif());
                if (!outcome.valid()) {
                    throw new IllegalStateException("demo customer is invalid: " + outcome.describe());
                }
                repository.insert(outcome.customer());
                added++;
            }
        }
        log.info("demo customers: {} added, {} already present", added, CUSTOMERS.size() - added);
    }
}
