package io.callcenter.agents;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AgentDirectoryApplication {
    public static void main(String[] args) {
        SpringApplication.run(AgentDirectoryApplication.class, args);
    }
}
