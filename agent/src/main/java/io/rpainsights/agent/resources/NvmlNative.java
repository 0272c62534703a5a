package io.rpainsights.agent.resources;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@link NvmlLibrary} to the installed NVML ({@code libnvidia-ml.so.1}, {@code nvml.dll})
 * through JNA. Only the sampler thread calls it, after start-up: JNA initialises {@code
 * java.util.logging}.
 */
final class NvmlNative {

  /** What JNA implements: the C functions of {@link NvmlLibrary}. */
  interface Bound extends NvmlLibrary, Library {}

  private NvmlNative() {}

  /**
   * The installed NVML, tried under the names NVIDIA installs it by.
   *
   * @throws UnsatisfiedLinkError when there is none (no NVIDIA driver, macOS, a 32-bit JVM)
   */
  static NvmlLibrary load() {
    if (Native.POINTER_SIZE != Long.BYTES) {
      throw new UnsatisfiedLinkError("NVML is bound for 64-bit JVMs only");
    }
    UnsatisfiedLinkError last = null;
    for (String name : candidates()) {
      try {
        return load(name);
      } catch (UnsatisfiedLinkError e) {
        last = e;
      }
    }
    throw last != null
        ? last
        : new UnsatisfiedLinkError("no NVML on " + System.getProperty("os.name"));
  }

  /** NVML from one library name or absolute path. */
  static NvmlLibrary load(String nameOrPath) {
    return Native.load(nameOrPath, Bound.class);
  }

  private static List<String> candidates() {
    List<String> names = new ArrayList<>();
    if (Platform.isLinux()) {
      // The driver installs the versioned name; the unversioned link comes only with dev packages.
      names.add("libnvidia-ml.so.1");
      names.add("nvidia-ml");
    } else if (Platform.isWindows()) {
      names.add("nvml");
      String programFiles = System.getenv("ProgramW6432");
      if (programFiles != null) {
        // Where drivers before R418 put it.
        names.add(
            programFiles
                + File.separator
                + "NVIDIA Corporation"
                + File.separator
                + "NVSMI"
                + File.separator
                + "nvml.dll");
      }
    }
    return names;
  }
}
