package io.callcenter.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CrmPushGatewayApplication {
    public static void main(String[] args) {
        SpringApplication.run(CrmPushGatewayApplication.class, args);
    }
}
