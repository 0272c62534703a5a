package io.rpainsights.agent.instrument;

import io.rpainsights.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice inlined into every method a rule matches. Its byte code is copied into the
 * application's class, so it may name only bootstrap-visible types: it calls the {@link Bridge} and
 * nothing else. Both halves suppress every Throwable of their own; the exit runs on a throw too.
 *
 * <p>This variant hands the bridge every argument in an array; {@link FirstArgument} and {@link
 * NoArguments} serve rules whose expressions read at most {@code arg0}, or no argument, without
 * making that array on every call (the commonest rules: {@code arg0.nodeId}).
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

  /** For rules whose expressions read no argument but {@code arg0}. */
  static final class FirstArgument {

    private FirstArgument() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(
        @RuleId int ruleId,
        @Advice.This(optional = true) Object self,
        @Advice.Argument(value = 0, optional = true, typing = Assigner.Typing.DYNAMIC)
            Object firstArgument) {
      return Bridge.enterFirstArgument(ruleId, self, firstArgument);
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

  /** For rules whose expressions read no argument. */
  static final class NoArguments {

    private NoArguments() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@RuleId int ruleId, @Advice.This(optional = true) Object self) {
      return Bridge.enterNoArguments(ruleId, self);
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
}
