package io.callcenter.ingest.lookup;

import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The lookups' retry rule: a read that met a closed kept-alive connection goes again once, nothing else does. */
class ReadsRetriedOnceTest {
    private final RemoteServiceClients.ReadsRetriedOnce retries = new RemoteServiceClients.ReadsRetriedOnce();
    private final HttpClientContext context = HttpClientContext.create();

    @Test
    void theCustomerSearchPostIsRetriedOnceWhenTheConnectionWasClosedUnderIt() {
        BasicClassicHttpRequest search = new BasicClassicHttpRequest("POST", "/api/customers/search");
        NoHttpResponseException closed = new NoHttpResponseException("localhost:8083 failed to respond");

        assertThat(retries.retryRequest(search, closed, 1, context)).isTrue();
        assertThat(retries.retryRequest(search, closed, 2, context)).isFalse();
    }

    @Test
    void timeoutsAndRefusedConnectionsAreNotRetried() {
        BasicClassicHttpRequest agents = new BasicClassicHttpRequest("GET", "/api/agents/available?limit=1");

        assertThat(retries.retryRequest(agents, new SocketTimeoutException("Read timed out"), 1, context)).isFalse();
        assertThat(retries.retryRequest(agents, new ConnectException("Connection refused"), 1, context)).isFalse();
    }
}
