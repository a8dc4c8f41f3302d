package io.callcenter.customers;

import io.callcenter.customers.phone.PhoneNormaliser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The phone normaliser for the configured region, and the field rules built on it. */
@Configuration(proxyBeanMethods = false)
class CustomerConfiguration {

    @Bean
    PhoneNormaliser phoneNormaliser(CustomerProperties properties) {
        return new PhoneNormaliser(properties.defaultRegion());
    }

    @Bean
    CustomerRules customerRules(PhoneNormaliser phones) {
        return new CustomerRules(phones);
    }
}
