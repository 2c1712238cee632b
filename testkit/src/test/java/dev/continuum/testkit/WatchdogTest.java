package dev.continuum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Processes started by the testkit die with the JVM that started them, even after {@code kill -9}. */
class WatchdogTest {
  @Test
  void serversDieWhenTheirJvmIsKilled() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HoldServersMain.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.US_ASCII));
      String line = out.readLine();
      assertThat(line).as("pids from the child JVM").matches("[0-9]+ [0-9]+");
      long memcached = Long.parseLong(line.split(" ")[0]);
      long nutcracker = Long.parseLong(line.split(" ")[1]);
      assertThat(alive(memcached)).isTrue();
      assertThat(alive(nutcracker)).isTrue();

      jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((alive(memcached) || alive(nutcracker)) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(alive(memcached)).as("memcached %d outlived its JVM", memcached).isFalse();
      assertThat(alive(nutcracker)).as("nutcracker %d outlived its JVM", nutcracker).isFalse();
    } finally {
      jvm.destroyForcibly();
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
