package io.callcenter.customers.importing;

import io.callcenter.kit.api.ApiException;
import io.callcenter.kit.api.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/customers/import} with a {@code text/csv} body: read straight from the request stream (never held
 * in memory as a whole) by {@link CustomerImporter}.
 */
@RestController
public class CustomerImportController {
    private final CustomerImporter importer;

    public CustomerImportController(CustomerImporter importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/api/customers/import", consumes = {"text/csv", "application/csv", "text/plain"})
    public ApiResponse<ImportSummary> importCsv(HttpServletRequest request) throws IOException {
        Charset charset;
        try {
            charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(request.getCharacterEncoding());
        } catch (IllegalArgumentException unknown) { // IllegalCharsetName or UnsupportedCharset
            throw ApiException.badRequest("invalid_request", "parameter 'charset' of the Content-Type is not a "
                    + "known character set: '" + request.getCharacterEncoding() + "'");
        }
        return ApiResponse.ok(importer.importCsv(new InputStreamReader(request.getInputStream(), charset)));
    }
}
