package io.callcenter.kit.api;

import io.callcenter.model.serde.CallcenterJson;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report in the services' error envelope instead of its HTML page. It answers what Tomcat refuses
 * before Spring sees a request, e.g. a path whose percent-encoding is not UTF-8 ({@code /api/v1/calls/%FF%FE});
 * everything Spring handles already has a body and is left alone.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String reason = response.getMessage() == null || response.getMessage().isBlank()
                    ? (status == 400 ? "the request could not be read (malformed path, query or headers)"
                    : "the request could not be processed") : response.getMessage();
            response.getWriter().write(CallcenterJson.mapper().writeValueAsString(
                    ApiResponse.failure(status < 500 ? "bad_request" : "server_error", "HTTP " + status + ": " + reason)));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was already taken: nothing left to tell it
        }
    }
}
