package io.rpainsights.agent.instrument;

import io.rpainsights.agent.config.TypePattern;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Whether a type falls under a rule's type pattern: by name, or for a {@code +} pattern by any of
 * its supertypes' names (superclasses and interfaces, transitively).
 *
 * <p>The hierarchy walk reads class files, so it is the expensive part of matching. Two cheap
 * filters come first: the name itself, and — for a {@code +} pattern naming one exact type —
 * whether the type's class loader can see that type at all; if it cannot, nothing it defines can
 * extend it. Thread-safe: called concurrently by class-loading threads; the visibility cache is
 * synchronized and weak in its class loader keys.
 */
final class RuleTypeMatcher {

  private final TypePattern pattern;
  private final String baseResource;
  private final Map<ClassLoader, Boolean> baseVisible =
      Collections.synchronizedMap(new WeakHashMap<>());

  RuleTypeMatcher(TypePattern pattern) {
    this.pattern = pattern;
    String exact = pattern.exactName();
    this.baseResource = exact == null ? null : exact.replace('.', '/') + ".class";
  }

  boolean matches(TypeDescription type, ClassLoader loader) {
    if (pattern.matches(type.getName())) {
      return true;
    }
    if (!pattern.includesSubtypes() || !canSeeBase(loader)) {
      return false;
    }
    try {
      return hasMatchingSupertype(type);
    } catch (RuntimeException | LinkageError unresolvable) {
      // A supertype that cannot be resolved (missing optional dependency): not ours to judge.
      return false;
    }
  }

  private boolean canSeeBase(ClassLoader loader) {
    if (baseResource == null || loader == null) {
      return true;
    }
    Boolean visible = baseVisible.get(loader);
    if (visible == null) {
      visible = loader.getResource(baseResource) != null;
      baseVisible.put(loader, visible);
    }
    return visible;
  }

  private boolean hasMatchingSupertype(TypeDefinition type) {
    for (TypeDefinition current = type; current != null; ) {
      if (pattern.matches(current.asErasure().getName())) {
        return true;
      }
      for (TypeDescription.Generic implemented : current.getInterfaces()) {
        if (hasMatchingSupertype(implemented)) {
          return true;
        }
      }
      TypeDescription.Generic superClass = current.getSuperClass();
      current = superClass == null ? null : superClass;
    }
    return false;
  }
}
