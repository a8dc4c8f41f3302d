package io.callcenter.kit.api;

import io.callcenter.model.serde.CallcenterJson;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.core.JacksonException;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The messages of the error envelope for bodies Jackson cannot read and for a wrong Content-Type: each names the
 * field (or what to send) so that a client sees what to fix. The services' API tests cover the same handler over
 * real HTTP; this pins the wording of each branch.
 */
class ApiExceptionHandlerTest {
    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    record Search(String phoneNumber, boolean exactMatch, Nested nested) {
    }

    record Nested(int count) {
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithWhatItMustBe() {
        assertThat(messageFor("{\"phoneNumber\": \"1\", \"exactMatch\": {\"a\": 1}}"))
                .isEqualTo("field 'exactMatch' must be true or false");
    }

    @Test
    void aNestedFieldWithAnInvalidValueIsNamedByItsPath() {
        assertThat(messageFor("{\"phoneNumber\": \"1\", \"nested\": {\"count\": \"many\"}}"))
                .startsWith("field 'nested.count' ")
                .contains("many");
    }

    @Test
    void malformedJsonIsCalledMalformedWithTheParsersReason() {
        assertThat(messageFor("{\"phoneNumber\": ")).startsWith("request body is not valid JSON: ");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedAsSuch() {
        assertThat(messageFor("[1, 2]")).isEqualTo("request body must be a JSON object");
    }

    @Test
    void aWrongContentTypeNamesWhatTheEndpointAccepts() {
        HttpMediaTypeNotSupportedException e = new HttpMediaTypeNotSupportedException(MediaType.APPLICATION_JSON,
                List.of(MediaType.parseMediaType("text/csv;charset=UTF-8"),
                        MediaType.parseMediaType("application/x-ndjson")));

        ResponseEntity<ApiResponse<Void>> response = handler.wrongMediaType(e);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(response.getBody().error().code()).isEqualTo("unsupported_media_type");
        assertThat(response.getBody().error().message()).isEqualTo(
                "Content-Type application/json is not supported here; send text/csv, application/x-ndjson");
    }

    @Test
    void aMissingOrUnparseableContentTypeIsSaidToBeSo() {
        HttpMediaTypeNotSupportedException e = new HttpMediaTypeNotSupportedException((MediaType) null,
                List.of(MediaType.APPLICATION_JSON));

        assertThat(handler.wrongMediaType(e).getBody().error().message())
                .isEqualTo("Content-Type is missing or not a valid media type; send application/json");
    }

    @Test
    void anApiExceptionKeepsItsStatusCodeAndMessage() {
        ResponseEntity<ApiResponse<Void>> response = handler.refused(
                ApiException.conflict("duplicate_cif", "field 'cif' already exists: CIF1"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().success()).isFalse();
        assertThat(response.getBody().error()).isEqualTo(
                new ApiResponse.ApiError("duplicate_cif", "field 'cif' already exists: CIF1"));
    }

    private String messageFor(String body) {
        JacksonException parseError = catchThrowableOfType(JacksonException.class,
                () -> CallcenterJson.mapper().readValue(body, Search.class));
        assertThat(parseError).as("Jackson must refuse %s", body).isNotNull();
        ResponseEntity<ApiResponse<Void>> response = handler.unreadable(
                new HttpMessageNotReadableException("unreadable", parseError, emptyInput()));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().error().code()).isEqualTo("invalid_request");
        return response.getBody().error().message();
    }

    private static HttpInputMessage emptyInput() {
        return new HttpInputMessage() {
            @Override
            public java.io.InputStream getBody() {
                return new ByteArrayInputStream(new byte[0]);
            }

            @Override
            public org.springframework.http.HttpHeaders getHeaders() {
                return new org.springframework.http.HttpHeaders();
            }
        };
    }
}
