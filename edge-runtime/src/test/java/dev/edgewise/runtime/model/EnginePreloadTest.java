package dev.edgewise.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The preload reads its settings in the order Quarkus does. */
class EnginePreloadTest {

  private static final String KEY = "edgewise.test-preload.setting";

  @Test
  void profileKeyBeatsPlainKeyInTheFile() {
    Properties app = new Properties();
    app.setProperty(KEY, "2");
    app.setProperty("%prod." + KEY, "3");
    assertThat(EnginePreload.setting(KEY, app, "prod")).contains("3");
    assertThat(EnginePreload.setting(KEY, app, "dev")).contains("2");
  }

  @Test
  void systemPropertyBeatsTheFileAndBlankIsUnset() {
    Properties app = new Properties();
    app.setProperty("%prod." + KEY, "3");
    System.setProperty(KEY, " 5 ");
    try {
      assertThat(EnginePreload.setting(KEY, app, "prod")).contains("5");
      System.setProperty(KEY, " ");
      assertThat(EnginePreload.setting(KEY, app, "prod")).isEmpty();
    } finally {
      System.clearProperty(KEY);
    }
    assertThat(EnginePreload.setting(KEY, new Properties(), "prod")).isEmpty();
  }
}
