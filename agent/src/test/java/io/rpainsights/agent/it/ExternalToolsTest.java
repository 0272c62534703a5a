package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalToolsTest {

  private final String saved = System.getProperty(ExternalTools.REQUIRE);

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(ExternalTools.REQUIRE);
    } else {
      System.setProperty(ExternalTools.REQUIRE, saved);
    }
  }

  @Test
  void aMissingToolSkipsWithItsReasonByDefault() {
    System.setProperty(ExternalTools.REQUIRE, "false");
    assertThatThrownBy(() -> ExternalTools.require("no-such-tool-rpa", "apt-get install x"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("no-such-tool-rpa is not on PATH (apt-get install x)");
  }

  @Test
  void aMissingToolFailsWhenExternalToolsAreRequired() {
    System.setProperty(ExternalTools.REQUIRE, "true");
    assertThatThrownBy(() -> ExternalTools.require("no-such-tool-rpa", "apt-get install x"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("rpa.requireExternalTools=true");
  }

  @Test
  void aToolOnThePathIsFound() {
    assertThat(ExternalTools.find("sh")).isNotNull();
  }
}
