package dev.edgewise.runtime.oip;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.edgewise.runtime.Fixtures;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, prod profile, demo model)
 * starts, loads DJL from its own class loader and answers an inference over HTTP; its {@code main}
 * preloaded the PyTorch engine with the settings Quarkus resolved.
 */
@QuarkusIntegrationTest
class PackagedAppIT {

  @Test
  void packagedServerServesTheDemoModel() {
    given().get("/v2/health/ready").then().statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body(Json.request(Fixtures.parity(Fixtures.STUDENT).inputs().rows(0, 2)))
        .post("/v2/models/digits/infer")
        .then()
        .statusCode(200)
        .body("outputs[0].shape", equalTo(java.util.List.of(2, 10)))
        .body("outputs[0].data", hasSize(20));
  }

  @Test
  void mainPreloadedTheEngineWithTheConfiguredSettings() throws Exception {
    given().get("/v2/health/ready").then().statusCode(200);
    // The launched application's console output, written by @QuarkusIntegrationTest.
    String log = Files.readString(Path.of("target/quarkus.log"));
    assertThat(log).contains("PyTorch engine preloaded on a background thread");
    assertThat(log).doesNotContain("preloading the PyTorch engine failed");
    assertThat(log).doesNotContain("but the configuration says");
  }
}
