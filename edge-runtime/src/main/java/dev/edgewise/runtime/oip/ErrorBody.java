package dev.edgewise.runtime.oip;

/**
 * The Open Inference Protocol's error shape: {@code {"error": "..."}}.
 *
 * @param error what went wrong, for a person to read
 */
public record ErrorBody(String error) {}
