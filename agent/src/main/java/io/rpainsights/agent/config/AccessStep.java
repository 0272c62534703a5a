package io.rpainsights.agent.config;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code .name} or {@code .name()} step of an {@link Expression}, with the member it resolves
 * to cached per runtime class.
 *
 * <p>Concurrency: {@link #read} runs on any application thread. The resolution for a class is
 * computed by {@link ClassValue} (at most one value is ever installed per class, so the "missing"
 * report guarded by that value's flag happens once); the steady path is a class comparison with an
 * inline cache (else a {@code ClassValue} lookup) and a {@code MethodHandle} call, with no lock, no
 * allocation and no reflection.
 */
final class AccessStep extends ClassValue<AccessStep.Resolved> {

  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

  /**
   * Full-privilege lookup of this class: like {@code publicLookup()} it reaches public members of
   * public types in exported packages (every package of an application's unnamed module), and it
   * may also bind caller-sensitive JDK methods such as {@code Class.getClassLoader()}.
   */
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private static final WeakReference<Resolved> NOTHING_SEEN = new WeakReference<>(null);

  private final String name;
  private final boolean explicitCall;

  /**
   * Monomorphic inline cache: the resolution for the first class this step read, which saves the
   * {@code ClassValue} lookup while a rule keeps seeing the same class (the usual case). Written
   * once and racily, which is safe: {@link Resolved}'s fields are final, a thread that sees the
   * reference before its referent just takes the {@code ClassValue} path, and a lost race only
   * caches another thread's class. Weak, so that a cached application class can still be unloaded
   * (the strong reference lives in the class's own {@code ClassValue} map).
   */
  private WeakReference<Resolved> first = NOTHING_SEEN;

  AccessStep(String name, boolean explicitCall) {
    this.name = name;
    this.explicitCall = explicitCall;
  }

  String name() {
    return name;
  }

  boolean explicitCall() {
    return explicitCall;
  }

  /** The step as reported to {@link ExpressionProblems}: {@code name} or {@code name()}. */
  String member() {
    return explicitCall ? name + "()" : name;
  }

  /** Reads the member of the non-null {@code target}; null when it is missing or throws. */
  Object read(Object target, Expression expression, ExpressionProblems problems) {
    Class<?> type = target.getClass();
    Resolved resolved = first.get();
    if (resolved == null || resolved.type != type) {
      resolved = get(type);
      if (first == NOTHING_SEEN) {
        first = new WeakReference<>(resolved);
      }
    }
    return resolved.read(target, expression, problems);
  }

  @Override
  protected Resolved computeValue(Class<?> type) {
    MethodHandle handle;
    try {
      handle = resolve(type);
    } catch (Throwable unresolvable) {
      // A class whose methods or fields cannot be listed (a missing class in a signature, a
      // security manager) behaves as if the member were not there.
      handle = null;
    }
    return new Resolved(type, member(), handle);
  }

  /**
   * The order of the expression language: a public no-arg method {@code name()}, then {@code
   * getName()} / {@code isName()}, then a field {@code name} (any visibility, inherited ones
   * included); an explicit call {@code name()} only tries the method. {@code length} of an array is
   * its length.
   */
  private MethodHandle resolve(Class<?> type) throws IllegalAccessException {
    if (type.isArray() && !explicitCall && name.equals("length")) {
      return MethodHandles.arrayLength(type).asType(GETTER);
    }
    MethodHandle handle = publicNoArgMethod(type, name);
    if (handle != null || explicitCall) {
      return handle;
    }
    String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    handle = publicNoArgMethod(type, "get" + capitalized);
    if (handle == null) {
      handle = publicNoArgMethod(type, "is" + capitalized);
    }
    if (handle == null) {
      handle = field(type, name);
    }
    return handle;
  }

  /**
   * A public, non-static, non-void method without parameters, made callable: directly when its
   * declaring class is accessible; else through a public supertype or interface that declares it (a
   * JDK-internal {@code List} implementation, a lambda, a package-private class implementing a
   * public interface); else with {@code setAccessible(true)}. Null when there is none.
   */
  private static MethodHandle publicNoArgMethod(Class<?> type, String methodName) {
    Method method;
    try {
      method = type.getMethod(methodName);
    } catch (NoSuchMethodException | LinkageError | SecurityException absent) {
      return null;
    }
    if (!isUsableGetter(method)) {
      return null;
    }
    MethodHandle handle = unreflect(method);
    if (handle != null) {
      return handle;
    }
    for (Class<?> supertype : supertypes(type)) {
      if (!Modifier.isPublic(supertype.getModifiers())) {
        continue;
      }
      Method declared;
      try {
        declared = supertype.getDeclaredMethod(methodName);
      } catch (NoSuchMethodException | LinkageError | SecurityException absent) {
        continue;
      }
      if (isUsableGetter(declared) && Modifier.isPublic(declared.getModifiers())) {
        handle = unreflect(declared);
        if (handle != null) {
          return handle;
        }
      }
    }
    try {
      method.setAccessible(true);
    } catch (RuntimeException inaccessible) {
      // InaccessibleObjectException (a module that does not open the package) or SecurityException.
      return null;
    }
    return unreflect(method);
  }

  private static boolean isUsableGetter(Method method) {
    return !Modifier.isStatic(method.getModifiers())
        && method.getReturnType() != void.class
        && method.getParameterCount() == 0;
  }

  private static MethodHandle unreflect(Method method) {
    try {
      return LOOKUP.unreflect(method).asType(GETTER);
    } catch (IllegalAccessException | RuntimeException notAccessible) {
      return null;
    }
  }

  /** An instance field declared by the class or a superclass, the nearest first. */
  private static MethodHandle field(Class<?> type, String fieldName) {
    for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
      Field field;
      try {
        field = declaring.getDeclaredField(fieldName);
      } catch (NoSuchFieldException | LinkageError | SecurityException absent) {
        continue;
      }
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      try {
        return LOOKUP.unreflectGetter(field).asType(GETTER);
      } catch (IllegalAccessException | RuntimeException notPublic) {
        // Fall through to setAccessible.
      }
      try {
        field.setAccessible(true);
        return LOOKUP.unreflectGetter(field).asType(GETTER);
      } catch (IllegalAccessException | RuntimeException inaccessible) {
        return null;
      }
    }
    return null;
  }

  /** Every superclass and interface of {@code type}, nearest first, each once. */
  private static Set<Class<?>> supertypes(Class<?> type) {
    Set<Class<?>> seen = new LinkedHashSet<>();
    ArrayDeque<Class<?>> queue = new ArrayDeque<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      Class<?> current = queue.poll();
      Class<?> superclass = current.getSuperclass();
      if (superclass != null && seen.add(superclass)) {
        queue.add(superclass);
      }
      for (Class<?> implemented : current.getInterfaces()) {
        if (seen.add(implemented)) {
          queue.add(implemented);
        }
      }
    }
    return seen;
  }

  /** The member a step resolved to for one runtime class; a null handle means missing. */
  static final class Resolved {
    private final Class<?> type;
    private final String member;
    private final MethodHandle handle;
    private final AtomicBoolean missingReported = new AtomicBoolean();

    Resolved(Class<?> type, String member, MethodHandle handle) {
      this.type = type;
      this.member = member;
      this.handle = handle;
    }

    boolean found() {
      return handle != null;
    }

    Object read(Object target, Expression expression, ExpressionProblems problems) {
      if (handle == null) {
        if (!missingReported.get() && missingReported.compareAndSet(false, true)) {
          Expression.report(problems, expression, type, member, null);
        }
        return null;
      }
      try {
        return (Object) handle.invokeExact(target);
      } catch (Throwable failure) {
        Expression.report(problems, expression, type, member, failure);
        return null;
      }
    }
  }
}
