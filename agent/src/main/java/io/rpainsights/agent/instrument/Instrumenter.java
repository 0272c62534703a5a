package io.rpainsights.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.rpainsights.agent.config.Expression;
import io.rpainsights.agent.config.Rule;
import io.rpainsights.agent.config.TypePattern;
import io.rpainsights.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the config's rules, and the executor hooks that carry context across threads, as Byte
 * Buddy advice. Installation is synchronous (rules must be in place before the engine's classes
 * load) and cheap: matching is by name first, JDK and agent types are ignored early, and only
 * methods with a body are touched. Classes are never changed in shape (advice only), so
 * retransformation works at runtime attach and beside other agents.
 */
public final class Instrumenter {

  private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";
  private static final String FUTURE_TASK = ExecutorTypes.FUTURE_TASK;
  private static final String THREAD_POOL = ExecutorTypes.THREAD_POOL;
  private static final String FORK_JOIN_POOL = ExecutorTypes.FORK_JOIN_POOL;
  private static final String FORK_JOIN_TASK = ExecutorTypes.FORK_JOIN_TASK;
  private static final Set<String> EXECUTOR_TYPES = ExecutorTypes.ALL;

  private final List<Rule> rules;
  private final List<RuleTypeMatcher> typeMatchers = new ArrayList<>();
  private final List<Advice> ruleAdvice = new ArrayList<>();
  private final ClassLoader agentLoader;

  public Instrumenter(List<Rule> rules) {
    this.rules = rules;
    this.agentLoader = Instrumenter.class.getClassLoader();
    for (Rule rule : rules) {
      typeMatchers.add(new RuleTypeMatcher(rule.type()));
      ruleAdvice.add(Advice.withCustomMapping().bind(RuleId.class, rule.id()).to(adviceFor(rule)));
    }
  }

  /**
   * The narrowest advice that gives the rule's expressions what they read: no argument array when
   * none reads beyond {@code arg0} (an array per call is an allocation on the hot path).
   */
  static Class<?> adviceFor(Rule rule) {
    int highest = -1;
    for (Expression expression : rule.expressions()) {
      highest = Math.max(highest, expression.maxArgumentIndex());
    }
    if (highest < 0) {
      return RuleAdvice.NoArguments.class;
    }
    return highest == 0 ? RuleAdvice.FirstArgument.class : RuleAdvice.class;
  }

  /**
   * Installs the transformer. Classes loaded from now on are matched as they load; classes already
   * loaded are retransformed only when one of them may need advice — always possible after a
   * runtime attach, rare at premain, which runs before the application's classes load. Skipping the
   * retransformation pass spares start-up the description of every loaded class and the hundreds of
   * Byte Buddy classes that takes.
   */
  public ResettableClassFileTransformer install(Instrumentation instrumentation, boolean attached) {
    boolean retransform = attached || anyLoadedClassMayNeedAdvice(instrumentation);
    return configure(
            retransform
                ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION
                : AgentBuilder.RedefinitionStrategy.DISABLED)
        .installOn(instrumentation);
  }

  /**
   * The transformer, not registered anywhere: the {@link StartupGate} registers itself at premain
   * and hands class files to this one once it is built (off the application's start-up path).
   */
  public ClassFileTransformer buildTransformer() {
    return configure(AgentBuilder.RedefinitionStrategy.DISABLED).makeRaw();
  }

  private AgentBuilder configure(AgentBuilder.RedefinitionStrategy redefinition) {
    return newAgentBuilder()
        .disableClassFormatChanges()
        .with(redefinition)
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
        .with(new FailureListener())
        // The agent's own classes by their loader first, then by name: neither needs the class
        // file parsed, so a class that matches no rule costs the application no Byte Buddy work.
        .ignore(ElementMatchers.any(), ElementMatchers.is(agentLoader))
        .or(ignoredTypes())
        .type(this::isInstrumented)
        .transform(this::transform);
  }

  /** A name-only check, with the JDK's reflection for `+` rules: no Byte Buddy involved. */
  private boolean anyLoadedClassMayNeedAdvice(Instrumentation instrumentation) {
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      if (loaded.isArray() || loaded.isPrimitive()) {
        continue;
      }
      ClassLoader loader = loaded.getClassLoader();
      if (loader == null) {
        if (EXECUTOR_TYPES.contains(loaded.getName())) {
          return true;
        }
      } else if (loader != agentLoader) {
        for (Rule rule : rules) {
          if (matchesLoaded(rule.type(), loaded)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean matchesLoaded(TypePattern pattern, Class<?> type) {
    if (pattern.matches(type.getName())) {
      return true;
    }
    if (!pattern.includesSubtypes()) {
      return false;
    }
    Deque<Class<?>> pending = new ArrayDeque<>();
    pending.add(type);
    while (!pending.isEmpty()) {
      Class<?> current = pending.poll();
      if (pattern.matches(current.getName())) {
        return true;
      }
      if (current.getSuperclass() != null) {
        pending.add(current.getSuperclass());
      }
      pending.addAll(Arrays.asList(current.getInterfaces()));
    }
    return false;
  }

  /**
   * Byte Buddy's default initialisation strategy prepares "nexus" injection (initialisers for
   * generated types), which probes {@code sun.misc.Unsafe}; Java 24+ then prints a deprecation
   * warning on the application's stderr. Advice needs no initialisers, so nexus is switched off
   * while the agent's own copy of Byte Buddy initialises it. The property is restored at once, so
   * the application's own Byte Buddy (another class loader, initialised later) is unaffected.
   */
  private static AgentBuilder newAgentBuilder() {
    String previous = System.getProperty(NEXUS_DISABLED);
    System.setProperty(NEXUS_DISABLED, "true");
    try {
      return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
    } finally {
      if (previous == null) {
        System.clearProperty(NEXUS_DISABLED);
      } else {
        System.setProperty(NEXUS_DISABLED, previous);
      }
    }
  }

  private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    return nameStartsWith("net.bytebuddy.")
        .or(nameStartsWith("io.rpainsights.agent."))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun."))
        .or(nameStartsWith("jdk."))
        .or(nameStartsWith("java.").and(not(namedOneOf(EXECUTOR_TYPES.toArray(new String[0])))))
        .or(nameContains("$$Lambda"))
        .or(nameContains("$ByteBuddy$"));
  }

  private boolean isInstrumented(
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain) {
    if (loader == null) {
      return EXECUTOR_TYPES.contains(type.getName());
    }
    for (int i = 0; i < rules.size(); i++) {
      // Synthetic classes (compiler-made switch maps and the like) are never the engine's: the
      // check reads the class file, so it comes only after the name matched.
      if (typeMatchers.get(i).matches(type, loader)
          && !type.isSynthetic()
          && declaresMatchingMethod(type, rules.get(i))) {
        return true;
      }
    }
    return false;
  }

  /** A type with nothing to instrument is left alone, not rewritten (broad patterns, `+` rules). */
  private static boolean declaresMatchingMethod(TypeDescription type, Rule rule) {
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (isCandidate(method)
          && rule.method().matches(method.getName(), method.getParameters().size())) {
        return true;
      }
    }
    return false;
  }

  private DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      ProtectionDomain protectionDomain) {
    if (loader == null) {
      return instrumentExecutor(builder, type.getName());
    }
    // One call, one record: when several rules of one role match a method, the first claims it.
    Set<String> claimed = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (!typeMatchers.get(i).matches(type, loader)) {
        continue;
      }
      Set<MethodDescription.SignatureToken> selected = new HashSet<>();
      for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
        if (isCandidate(method)
            && rule.method().matches(method.getName(), method.getParameters().size())
            && claimed.add(rule.role() + " " + method.asSignatureToken())) {
          selected.add(method.asSignatureToken());
          checkExpressions(rule, type, method);
        }
      }
      if (!selected.isEmpty()) {
        builder =
            builder.visit(
                ruleAdvice.get(i).on(method -> selected.contains(method.asSignatureToken())));
        if (AgentLog.debug()) {
          AgentLog.info(
              rule.describe()
                  + ": instruments "
                  + selected.size()
                  + " method(s) of "
                  + type.getName());
        }
      }
    }
    return builder;
  }

  private static boolean isCandidate(MethodDescription method) {
    return isMethod()
        .and(not(isAbstract()))
        .and(not(isNative()))
        .and(not(isBridge()))
        .and(not(isSynthetic()))
        .matches(method);
  }

  /** DESIGN: an expression that cannot apply to the matched method is reported once per rule. */
  private static void checkExpressions(
      Rule rule, TypeDescription type, MethodDescription.InDefinedShape method) {
    boolean returnsVoid = method.getReturnType().represents(void.class);
    for (Expression expression : rule.expressions()) {
      String problem =
          expression.checkApplicable(method.getParameters().size(), method.isStatic(), returnsVoid);
      if (problem != null) {
        AgentLog.warnOnce(
            "inapplicable " + rule.id() + " " + expression.text(),
            rule.describe()
                + ": "
                + expression.text()
                + " cannot apply to "
                + type.getName()
                + "#"
                + method.getName()
                + ": "
                + problem
                + "; it yields null");
      }
    }
  }

  private static DynamicType.Builder<?> instrumentExecutor(
      DynamicType.Builder<?> builder, String name) {
    switch (name) {
      case FUTURE_TASK:
        return builder
            .visit(Advice.to(ExecutorAdvice.TaskCreated.class).on(isConstructor()))
            .visit(
                Advice.to(ExecutorAdvice.TaskRuns.class)
                    .on(namedOneOf("run", "runAndReset").and(takesArguments(0))));
      case THREAD_POOL:
        return builder
            .visit(
                Advice.to(ExecutorAdvice.TaskArgumentSubmitted.class)
                    .on(named("execute").and(takesArguments(1))))
            .visit(
                Advice.to(ExecutorAdvice.BeforeExecute.class)
                    .on(named("beforeExecute").and(takesArguments(2))))
            .visit(
                Advice.to(ExecutorAdvice.AfterExecute.class)
                    .on(named("afterExecute").and(takesArguments(2))));
      case FORK_JOIN_POOL:
        return builder.visit(
            Advice.to(ExecutorAdvice.TaskArgumentSubmitted.class)
                .on(namedOneOf("execute", "submit", "invoke").and(takesArguments(1))));
      case FORK_JOIN_TASK:
        return builder
            .visit(Advice.to(ExecutorAdvice.TaskCreated.class).on(isConstructor()))
            .visit(
                Advice.to(ExecutorAdvice.TaskRuns.class)
                    .on(named("doExec").and(takesArguments(0))));
      default:
        return builder.visit(
            Advice.to(ExecutorAdvice.TaskRuns.class)
                .on(named("run").and(takesArguments(0)).and(not(isAbstract()))));
    }
  }

  /** Reports a type that could not be instrumented, once per type; the application runs on. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      AgentLog.errorOnce("transform " + typeName, "could not instrument " + typeName, error);
    }
  }
}
