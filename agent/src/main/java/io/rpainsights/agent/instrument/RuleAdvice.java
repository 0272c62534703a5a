package io.rpainsights.agent.instrument;

import io.rpainsights.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice inlined into every method a rule matches. Its byte code is copied into the
 * application's class, so it may name only bootstrap-visible types: it calls the {@link Bridge} and
 * nothing else. Both halves suppress every Throwable of their own; the exit runs on a throw too.
 */
final class RuleAdvice {

  private RuleAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(
      @RuleId int ruleId,
      @Advice.This(optional = true) Object self,
      @Advice.AllArguments Object[] args) {
    return Bridge.enter(ruleId, self, args);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit(
      @RuleId int ruleId,
      @Advice.Enter Object token,
      @Advice.This(optional = true) Object self,
      @Advice.Return(readOnly = true, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    Bridge.exit(ruleId, token, self, returned, thrown);
  }
}
