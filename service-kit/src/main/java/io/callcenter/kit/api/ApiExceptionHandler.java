package io.callcenter.kit.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Turns every refused request into the error envelope with a 4xx status and a message naming the field, so that a
 * client can see what to fix; anything unexpected becomes a 500 with a generic message (the details are logged).
 */
@RestControllerAdvice
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse<Void>> refused(ApiException e) {
        return respond(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Void>> unreadable(HttpMessageNotReadableException e) {
        return respond(HttpStatus.BAD_REQUEST, "invalid_request", describeUnreadable(e));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiResponse<Void>> invalid(MethodArgumentNotValidException e) {
        String message = e.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(f -> "field '" + f.getField() + "' " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return respond(HttpStatus.BAD_REQUEST, "validation_failed", message.isEmpty() ? "invalid request" : message);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiResponse<Void>> invalidParameter(HandlerMethodValidationException e) {
        String message = e.getParameterValidationResults().stream()
                .map(r -> "parameter '" + r.getMethodParameter().getParameterName() + "' "
                        + r.getResolvableErrors().get(0).getDefaultMessage())
                .collect(Collectors.joining("; "));
        return respond(HttpStatus.BAD_REQUEST, "validation_failed", message);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> mistypedParameter(MethodArgumentTypeMismatchException e) {
        return respond(HttpStatus.BAD_REQUEST, "invalid_parameter",
                "parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiResponse<Void>> missingParameter(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, "missing_parameter",
                "parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiResponse<Void>> noSuchPath(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "not_found", "no endpoint " + e.getResourcePath());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> wrongMediaType(HttpMediaTypeNotSupportedException e) {
        // the endpoint decides what it reads (JSON for most, CSV or JSON lines for an import): name what it takes
        String supported = e.getSupportedMediaTypes().stream()
                .map(type -> type.getType() + "/" + type.getSubtype())
                .distinct()
                .collect(Collectors.joining(", "));
        String problem = e.getContentType() == null ? "Content-Type is missing or not a valid media type"
                : "Content-Type " + e.getContentType().getType() + "/" + e.getContentType().getSubtype()
                + " is not supported here";
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                supported.isEmpty() ? problem : problem + "; send " + supported);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error");
    }

    static String describeUnreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof InvalidFormatException invalid) {
            // also a value of the wrong JSON type that StrictJsonAutoConfiguration refuses to coerce, e.g. 77.9
            String field = "field '" + JsonPaths.of(invalid) + "' ";
            return JsonPaths.jsonTypeName(invalid.getTargetType())
                    .map(expected -> field + "must be " + expected + ", not '" + invalid.getValue() + "'")
                    .orElse(field + "has an invalid value '" + invalid.getValue() + "'");
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String expected = mismatched.getTargetType() == null ? "another type"
                    : JsonPaths.typeName(mismatched.getTargetType());
            return "field '" + JsonPaths.of(mismatched) + "' must be " + expected;
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            // e.g. a number too large for its field: name the field before calling the body malformed
            return "field '" + JsonPaths.of(jackson) + "' is invalid: " + jackson.getOriginalMessage();
        }
        if (cause instanceof StreamReadException) {
            return "request body is not valid JSON: " + ((JacksonException) cause).getOriginalMessage();
        }
        if (cause instanceof MismatchedInputException) {
            return "request body must be a JSON object";
        }
        return "request body is missing or not valid JSON";
    }

    private static ResponseEntity<ApiResponse<Void>> respond(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ApiResponse.failure(code, message));
    }
}
