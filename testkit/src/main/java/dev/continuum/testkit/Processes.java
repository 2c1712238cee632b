package dev.continuum.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Runs a command to completion with a time limit: input in, output and exit code back. */
public final class Processes {
  private Processes() {}

  /** What a finished command left: its exit code, standard output bytes and standard error text. */
  public record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {
    /** Standard output as UTF-8 text. */
    public String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * This result, if the command exited with 0.
     *
     * @throws AssertionError with the command, the exit code and its standard error otherwise
     */
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("command " + command + " exited with " + exitCode + ":\n" + stderr);
      }
      return this;
    }
  }

  /**
   * Runs {@code command}, writes {@code stdin} to it and closes its input, and waits at most
   * {@code timeout} for it to finish. A command still running then is killed.
   *
   * @throws AssertionError when the command cannot be started or does not finish in time
   */
  public static Result run(List<String> command, byte[] stdin, Duration timeout) {
    Process p;
    try {
      p = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
    }
    try {
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      CompletableFuture<byte[]> in = inThread(() -> {
        try (OutputStream o = p.getOutputStream()) {
          o.write(stdin);
        } catch (IOException e) {
          // The command exited without reading all of its input; its exit code tells the story.
        }
        return null;
      });
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("command " + command + " did not finish within " + timeout);
      }
      long rest = Math.max(1000, timeout.toMillis());
      in.get(rest, TimeUnit.MILLISECONDS);
      byte[] stdout = out.get(rest, TimeUnit.MILLISECONDS);
      String stderr = new String(err.get(rest, TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
      return new Result(List.copyOf(command), p.exitValue(), stdout, stderr);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("lost the output of " + command, e);
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream s) {
    return inThread(() -> {
      try (s) {
        return s.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Runs {@code work} in a daemon thread of its own: the common pool may have one worker on 2 cores. */
  private static CompletableFuture<byte[]> inThread(Supplier<byte[]> work) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        f.complete(work.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    }, "testkit-io");
    t.setDaemon(true);
    t.start();
    return f;
  }
}
