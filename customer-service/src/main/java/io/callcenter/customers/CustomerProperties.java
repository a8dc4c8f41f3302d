package io.callcenter.customers;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the customer service ({@code callcenter.customers.*}; defaults in application.yml).
 *
 * @param defaultRegion         ISO region used to read numbers written without a country code ({@code VN})
 * @param partialSearchLimit    most customers a partial search returns
 * @param partialSearchMinDigits fewest digits a partial search accepts
 * @param importBatchSize       rows copied to the staging table before they are merged into {@code customers}
 * @param importMaxErrors       rejected rows listed in an import summary (all are counted)
 */
@ConfigurationProperties("callcenter.customers")
public record CustomerProperties(String defaultRegion, Integer partialSearchLimit, Integer partialSearchMinDigits,
                                 Integer importBatchSize, Integer importMaxErrors) {
    public CustomerProperties {
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "VN" : defaultRegion.trim().toUpperCase();
        partialSearchLimit = partialSearchLimit == null ? 20 : partialSearchLimit;
        partialSearchMinDigits = partialSearchMinDigits == null ? 4 : partialSearchMinDigits;
        importBatchSize = importBatchSize == null ? 50_000 : importBatchSize;
        importMaxErrors = importMaxErrors == null ? 100 : importMaxErrors;
    }
}
