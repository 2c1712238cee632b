package dev.continuum.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Compiling a C program with {@code gcc} (Debian package gcc) and running it. */
public final class CPrograms {
  private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(120);

  private CPrograms() {}

  /**
   * Compiles {@code source} into the executable {@code output} with {@code gcc -O2 -Wall -Werror},
   * linking {@code libraries} (e.g. {@code "memcached", "hashkit"} for {@code -lmemcached
   * -lhashkit}). Skipped when {@code output} is newer than {@code source}.
   *
   * @return {@code output}
   * @throws AssertionError with gcc's messages when compilation fails
   * @throws MissingProgramError when gcc is not installed
   */
  public static Path compile(Path source, Path output, String... libraries) {
    Path gcc = Programs.gcc();
    try {
      if (Files.isExecutable(output)
          && Files.getLastModifiedTime(output).compareTo(Files.getLastModifiedTime(source)) > 0) {
        return output;
      }
      Files.createDirectories(output.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(gcc.toString(), "-std=gnu11", "-O2", "-Wall", "-Werror",
        "-o", output.toString(), source.toString()));
    for (String lib : libraries) {
      if (!lib.matches("[A-Za-z0-9_+.-]+")) {
        throw new IllegalArgumentException("not a library name: " + lib);
      }
      cmd.add("-l" + lib);
    }
    Processes.run(cmd, new byte[0], COMPILE_TIMEOUT).requireSuccess();
    return output;
  }

  /**
   * Runs {@code program} with {@code args}, feeding it {@code stdin}, and returns its result if it
   * exits with 0 within {@code timeout}.
   *
   * @throws AssertionError with its standard error otherwise
   */
  public static Processes.Result run(Path program, byte[] stdin, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(program.toString());
    cmd.addAll(List.of(args));
    return Processes.run(cmd, stdin, timeout).requireSuccess();
  }
}
