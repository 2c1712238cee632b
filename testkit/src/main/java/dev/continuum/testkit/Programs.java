package dev.continuum.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the real programs the live tests run, or fails with a {@link MissingProgramError} naming
 * the Debian package to install. Nothing is skipped: a missing program is a test failure.
 *
 * <p>Programs are looked up on {@code PATH} and then in the standard Debian directories
 * ({@code /usr/bin}, {@code /usr/sbin}, {@code /usr/local/bin}, {@code /bin}, {@code /sbin}), since
 * {@code nutcracker} lives in {@code /usr/sbin}, which is not on every user's {@code PATH}.
 */
public final class Programs {
  /** Debian's own Python: its packages (python3-pymemcache) are not visible to pyenv or venv pythons. */
  public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

  private static final List<String> STANDARD_DIRS =
      List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin");

  private Programs() {}

  /** The {@code memcached} executable (Debian package memcached). */
  public static Path memcached() {
    return require("memcached", "memcached");
  }

  /** The {@code nutcracker} executable, twemproxy (Debian package nutcracker). */
  public static Path nutcracker() {
    return require("nutcracker", "nutcracker");
  }

  /** The {@code redis-server} executable (Debian package redis-server). */
  public static Path redisServer() {
    return require("redis-server", "redis-server");
  }

  /** The {@code gcc} executable (Debian package gcc). */
  public static Path gcc() {
    return require("gcc", "gcc");
  }

  /** Fails unless libmemcached's headers (and so its development libraries) are installed. */
  public static void requireLibmemcachedDev() {
    if (!Files.isRegularFile(Path.of("/usr/include/libmemcached/memcached.h"))) {
      throw new MissingProgramError("libmemcached headers (/usr/include/libmemcached/memcached.h)",
          "libmemcached-dev");
    }
  }

  /**
   * Debian's {@code /usr/bin/python3}, after checking it can import {@code module}.
   *
   * @param module a Python module, e.g. {@code pymemcache}
   * @param debianPackage the package providing it, e.g. {@code python3-pymemcache}
   */
  public static Path debianPythonWith(String module, String debianPackage) {
    if (!Files.isExecutable(DEBIAN_PYTHON)) {
      throw new MissingProgramError(DEBIAN_PYTHON.toString(), "python3");
    }
    if (!module.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
      throw new IllegalArgumentException("not a Python module name: " + module);
    }
    Processes.Result r = Processes.run(
        List.of(DEBIAN_PYTHON.toString(), "-c", "import " + module), new byte[0], Duration.ofSeconds(30));
    if (r.exitCode() != 0) {
      throw new MissingProgramError("Python module " + module + " (for " + DEBIAN_PYTHON + ")", debianPackage);
    }
    return DEBIAN_PYTHON;
  }

  /**
   * The executable {@code name}, from {@code PATH} or a standard directory.
   *
   * @throws MissingProgramError naming {@code debianPackage} when there is none
   */
  public static Path require(String name, String debianPackage) {
    if (name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a program name, not a path: " + name);
    }
    for (String dir : searchPath()) {
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new MissingProgramError("program " + name + " (searched PATH and " + STANDARD_DIRS + ")", debianPackage);
  }

  private static Set<String> searchPath() {
    Set<String> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(dir);
        }
      }
    }
    dirs.addAll(new ArrayList<>(STANDARD_DIRS));
    return dirs;
  }
}
