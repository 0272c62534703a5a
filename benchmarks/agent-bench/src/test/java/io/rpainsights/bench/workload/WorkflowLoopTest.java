package io.rpainsights.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkflowLoopTest {

  @Test
  void optionsOverrideTheDefaults() {
    WorkflowLoop.Options options =
        WorkflowLoop.Options.parse(new String[] {"--work", "7", "--mode", "paced", "--rate", "5"});
    assertThat(options.work).isEqualTo(7);
    assertThat(options.mode).isEqualTo("paced");
    assertThat(options.rate).isEqualTo(5.0);
    assertThat(options.nodes).isEqualTo(100);
  }

  @Test
  void badOptionsGiveOneLineReasons() {
    assertThatThrownBy(() -> WorkflowLoop.Options.parse(new String[] {"--rounds", "x"}))
        .hasMessage("--rounds needs a number, got 'x'");
    assertThatThrownBy(() -> WorkflowLoop.Options.parse(new String[] {"--nodes", "0"}))
        .hasMessage("--nodes must be at least 1, got 0");
    assertThatThrownBy(() -> WorkflowLoop.Options.parse(new String[] {"--what", "1"}))
        .hasMessage("unknown option --what");
    assertThatThrownBy(() -> WorkflowLoop.Options.parse(new String[] {"--rounds"}))
        .hasMessage("options come in pairs: --name value");
  }

  @Test
  void aWorkflowRunsEveryNodeOnceAndTheWorkDependsOnTheIterations() {
    Workflow workflow = Workflow.of("workflow-01", 100);
    assertThat(workflow.getStepCount()).isEqualTo(100);
    assertThat(workflow.getNodes().get(99).getNodeId()).isEqualTo("node-100");
    WorkflowEngine engine = new WorkflowEngine(3);
    assertThat(engine.runWorkflow(workflow)).isEqualTo("success");
    long expected = 0;
    for (Node node : workflow.getNodes()) {
      long x = node.seed() | 1;
      for (int i = 0; i < 3; i++) {
        x = x * 0x5DEECE66DL + 0xBL;
        x ^= x >>> 17;
      }
      expected += x;
    }
    assertThat(engine.checksum()).isEqualTo(expected);
  }

  @Test
  void medianOfEvenAndOddCounts() {
    assertThat(WorkflowLoop.median(new double[] {5, 1, 3})).isEqualTo(3.0);
    assertThat(WorkflowLoop.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }
}
