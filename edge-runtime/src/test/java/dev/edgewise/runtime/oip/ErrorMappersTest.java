package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Overload and client errors map to the protocol's error shape with the right headers. */
class ErrorMappersTest {

  @Test
  void overloadIs503WithRetryAfter() {
    Response r = new ErrorMappers().oip(new OipException(503, "inference queue is full", 1));
    assertThat(r.getStatus()).isEqualTo(503);
    assertThat(r.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(r.getEntity()).isEqualTo(new ErrorBody("inference queue is full"));
  }

  @Test
  void unexpectedFailuresUnwrapToTheirOipCause() {
    Response r =
        new ErrorMappers()
            .unexpected(
                new java.util.concurrent.CompletionException(OipException.badRequest("bad shape")));
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(r.getEntity()).isEqualTo(new ErrorBody("bad shape"));
  }

  @Test
  void jacksonLocationNoiseIsRemoved() {
    assertThat(
            ErrorMappers.clean(
                "Unexpected end-of-input (start marker at [Source: REDACTED; line: 1, column: 12])"))
        .isEqualTo("Unexpected end-of-input");
  }

  @Test
  void contentLengthOverTheLimitIsDetected() {
    assertThat(BodyLimit.isOver("1048577", 1048576)).isTrue();
    assertThat(BodyLimit.isOver(" 10 ", 1048576)).isFalse();
    assertThat(BodyLimit.isOver("junk", 1048576)).isFalse();
  }
}
