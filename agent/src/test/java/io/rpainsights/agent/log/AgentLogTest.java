package io.rpainsights.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AgentLogTest {

  @Test
  void describeShowsTheFirstCauseWithAMessage() {
    Exception error = new RuntimeException(new IllegalStateException("disk full"));
    assertThat(AgentLog.describe(new Exception((String) null, error)))
        .isEqualTo("java.lang.RuntimeException: java.lang.IllegalStateException: disk full");
    assertThat(AgentLog.describe(new IllegalStateException()))
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void describeEndsOnACycleOfCausesWithoutMessages() {
    Exception first = new Exception((String) null);
    Exception second = new Exception((String) null);
    first.initCause(second);
    second.initCause(first); // allowed: initCause only refuses the exception itself

    assertThat(AgentLog.describe(first)).isEqualTo("java.lang.Exception");
  }

  @Test
  void describeSurvivesAnExceptionWhoseMessageThrows() {
    Exception hostile =
        new Exception() {
          @Override
          public String getMessage() {
            throw new UnsupportedOperationException("no message for you");
          }
        };
    assertThat(AgentLog.describe(hostile)).isEqualTo(hostile.getClass().getName());
  }
}
