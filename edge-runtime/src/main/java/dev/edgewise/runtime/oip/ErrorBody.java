package dev.edgewise.runtime.oip;

/**
 * The Open Inference Protocol's error shape: {@code {"error": "..."}}.
 *
 * @param error what went wrong, for a person to read
 */
public record ErrorBody(String error) {

  /** The error shape as JSON text, for handlers that write responses without Jackson. */
  public static String json(String message) {
    StringBuilder s = new StringBuilder(message.length() + 16).append("{\"error\":\"");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append("\"}").toString();
  }
}
