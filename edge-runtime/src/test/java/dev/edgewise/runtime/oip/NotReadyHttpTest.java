package dev.edgewise.runtime.oip;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server whose model failed to load is live but not ready, and says so over HTTP. */
@QuarkusTest
@TestProfile(NotReadyHttpTest.MissingModel.class)
class NotReadyHttpTest {

  /** The configured model file does not exist. */
  public static class MissingModel implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("edgewise.model.path", "target/no-such-model.pt");
    }
  }

  @Test
  void liveButNotReady() {
    given()
        .get("/v2/health/live")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("live", equalTo(true));
    given()
        .get("/v2/health/ready")
        .then()
        .statusCode(503)
        .contentType("application/json")
        .body("ready", equalTo(false));
    given().get("/v2/models/digits/ready").then().statusCode(503);
  }
}
