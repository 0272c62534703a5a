package io.rpainsights.agent.instrument;

import io.rpainsights.agent.config.TypePattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

  /**
   * Where the exact base type's class file would be: {@code com/x/Outer$Inner.class} for a binary
   * name, and for a name written as source writes a nested class ({@code com.x.Outer.Inner}) each
   * reading of its trailing dots as '$', nearest first. Null for a wildcard pattern.
   */
  private final List<String> baseResources;

  private final Map<ClassLoader, Boolean> baseVisible =
      Collections.synchronizedMap(new WeakHashMap<>());

  RuleTypeMatcher(TypePattern pattern) {
    this.pattern = pattern;
    String exact = pattern.exactName();
    this.baseResources = exact == null ? null : classFileCandidates(exact);
  }

  private static List<String> classFileCandidates(String name) {
    List<String> candidates = new ArrayList<>();
    String path = name.replace('.', '/');
    candidates.add(path + ".class");
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      path = path.substring(0, slash) + '$' + path.substring(slash + 1);
      candidates.add(path + ".class");
    }
    return candidates;
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
    if (baseResources == null || loader == null) {
      return true;
    }
    Boolean visible = baseVisible.get(loader);
    if (visible == null) {
      visible = false;
      for (String resource : baseResources) {
        if (loader.getResource(resource) != null) {
          visible = true;
          break;
        }
      }
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
