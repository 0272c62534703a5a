package io.rpainsights.sample.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpainsights.sample.ActionTypes;
import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepResult;
import io.rpainsights.sample.simulation.FaultKind;
import org.junit.jupiter.api.Test;

class ClickActionTest {

  private final Node click = Node.step("buy", ActionTypes.CLICK, "#buy");
  private final ClickAction action = new ClickAction();

  @Test
  void clickWithoutFaultSucceedsAndLooksForItsElement() {
    FakeActionContext context = new FakeActionContext();

    assertThat(action.perform(click, context)).isEqualTo(StepResult.ok());
    assertThat(context.detections()).isEqualTo(1);
    assertThat(context.healCalls()).isZero();
  }

  @Test
  void missingElementHealedWhileClickingGivesSuccess() {
    FakeActionContext context =
        new FakeActionContext().faults(FaultKind.ELEMENT_NOT_FOUND).heals(true);

    assertThat(action.perform(click, context)).isEqualTo(StepResult.ok());
    assertThat(context.healCalls()).isEqualTo(1);
  }

  @Test
  void missingElementThatCannotBeHealedThrows() {
    FakeActionContext context =
        new FakeActionContext().faults(FaultKind.ELEMENT_NOT_FOUND).heals(false);

    assertThatThrownBy(() -> action.perform(click, context))
        .isInstanceOf(ElementNotFoundException.class)
        .hasMessage("no element matches selector #buy");
  }

  @Test
  void healedElementThatIsCoveredThrowsAfterTheSuccessfulHeal() {
    FakeActionContext context =
        new FakeActionContext()
            .faults(FaultKind.ELEMENT_NOT_FOUND)
            .heals(true)
            .afterHeal(FaultKind.ELEMENT_NOT_INTERACTABLE);

    assertThatThrownBy(() -> action.perform(click, context))
        .isInstanceOf(ElementNotInteractableException.class);
    assertThat(context.healCalls()).isEqualTo(1);
  }

  @Test
  void coveredElementWithoutAMissingSelectorIsNotHealedInTheStep() {
    FakeActionContext context = new FakeActionContext().faults(FaultKind.ELEMENT_NOT_INTERACTABLE);

    assertThatThrownBy(() -> action.perform(click, context))
        .isInstanceOf(ElementNotInteractableException.class);
    assertThat(context.healCalls()).isZero();
  }
}
