package io.callcenter.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CallIngestApplication {
    public static void main(String[] args) {
        SpringApplication.run(CallIngestApplication.class, args);
    }
}
