package io.callcenter.kit.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The response envelope of every REST endpoint, as the integration guide's page reads it:
 * {@code {"success": true, "data": ...}} or {@code {"success": false, "error": {"code": "...", "message": "..."}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, T data, ApiError error) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, data, null);
    }

    public static ApiResponse<Void> failure(String code, String message) {
        return new ApiResponse<>(false, null, new ApiError(code, message));
    }

    /** {@code code} is a stable lower-case identifier for programs; {@code message} names the field for people. */
    public record ApiError(String code, String message) {
    }
}
