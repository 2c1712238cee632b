package dev.continuum.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the testkit writes logs, generated configurations and compiled programs: {@code
 * target/testkit/} under the working directory when there is a {@code target} directory (Maven runs
 * tests in the module's directory, so {@code mvn clean} removes it), else a temporary directory.
 */
public final class WorkDir {
  private static Path root;

  private WorkDir() {}

  /** The testkit's directory, created on first use. */
  public static synchronized Path root() {
    if (root == null) {
      try {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        root = Files.isDirectory(target)
            ? Files.createDirectories(target.resolve("testkit"))
            : Files.createTempDirectory("continuum-testkit");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the testkit directory", e);
      }
    }
    return root;
  }

  /** A new, empty directory under {@link #root()} whose name starts with {@code prefix}. */
  public static Path newDirectory(String prefix) {
    try {
      return Files.createTempDirectory(root(), prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory in " + root(), e);
    }
  }
}
