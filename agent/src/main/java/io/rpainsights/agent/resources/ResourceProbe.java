package io.rpainsights.agent.resources;

/**
 * One source of process and host figures. The sampler calls it under its lock, so an implementation
 * is used by one thread at a time and may keep state between reads (the previous CPU ticks, for
 * instance).
 */
interface ResourceProbe {

  /**
   * Reads the current figures. May throw: the sampler then replaces this probe with the JDK one.
   */
  ProbeReading read();
}
