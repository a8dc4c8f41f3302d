package io.callcenter.ingest.security;

import io.callcenter.ingest.IngestProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In the {@code prod} profile the VoiceBot API must not run open: refuse to start without an API key. */
@Component
@Profile("prod")
class ApiKeyRequiredInProduction {

    ApiKeyRequiredInProduction(IngestProperties ingest) {
        if (!ingest.apiKeyRequired()) {
            throw new IllegalStateException("the prod profile requires callcenter.ingest.api-key "
                    + "(env CALLCENTER_INGEST_API_KEY) to be set");
        }
    }
}
