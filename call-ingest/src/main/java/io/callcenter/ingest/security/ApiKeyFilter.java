package io.callcenter.ingest.security;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.kit.api.ApiResponse;
import io.callcenter.model.serde.CallcenterJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Requires header {@value #HEADER} on every path but actuator and the API docs when {@code callcenter.ingest.api-key}
 * is set; a missing or wrong key gets the 401 error envelope before anything else happens. Actuator and API docs stay
 * open (protect them at the network level).
 *
 * <p>Deny by default, judged on the servlet path (decoded, normalised, without {@code ;params}): Spring MVC routes
 * {@code /%61pi/v1/calls} and {@code /api;x=1/v1/calls} to the API, so a check of the raw request URI let them in.
 */
@Component
class ApiKeyFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Api-Key";
    private static final List<String> OPEN_PATHS = List.of("/actuator", "/v3/api-docs", "/swagger-ui");

    private final byte[] expected;

    ApiKeyFilter(IngestProperties ingest) {
        this.expected = ingest.apiKey().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return expected.length == 0 || isOpen(request.getServletPath());
    }

    private static boolean isOpen(String path) {
        return OPEN_PATHS.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        // constant-time comparison: the key must not leak through response timing
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String reason = given == null ? "is missing" : "is wrong";
        response.getWriter().write(CallcenterJson.mapper().writeValueAsString(
                ApiResponse.failure("unauthorized", "header '" + HEADER + "' " + reason)));
    }
}
