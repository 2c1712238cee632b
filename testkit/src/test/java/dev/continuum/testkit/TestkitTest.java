package dev.continuum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestkitTest {
  @Test
  void freePortsAreDistinctAndUnused() {
    int[] ports = LoopbackPorts.free(20);
    assertThat(ports).doesNotHaveDuplicates();
    assertThat(java.util.Arrays.stream(ports).allMatch(p -> p >= 1 && p <= 65535)).isTrue();
    assertThat(LoopbackPorts.listening(ports[0])).isFalse();
  }

  @Test
  void memcachedStoresReadsDeletesAndDumpsKeysThenStops() throws Exception {
    Memcached m = Memcached.start();
    long pid = m.pid();
    try (m; MemcacheTextClient c = m.client()) {
      assertThat(m.isAlive()).isTrue();
      assertThat(c.stats()).containsEntry("pid", Long.toString(pid));
      assertThat(c.set("plain", "v1")).isTrue();
      assertThat(c.set("café-日本-😀%+/=", "v2")).isTrue();
      assertThat(c.get("plain")).isEqualTo("v1");
      assertThat(c.get("café-日本-😀%+/=")).isEqualTo("v2");
      assertThat(c.get("absent")).isNull();
      assertThat(c.metadumpKeyStrings()).containsExactlyInAnyOrder("plain", "café-日本-😀%+/=");
      assertThat(c.delete("plain")).isTrue();
      assertThat(c.delete("plain")).isFalse();
      assertThat(c.metadumpKeyStrings()).containsExactly("café-日本-😀%+/=");
      List<byte[]> many = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        many.add(("k" + i).getBytes(StandardCharsets.UTF_8));
      }
      c.setAll(many, new byte[] {'x'});
      assertThat(c.metadumpKeys()).hasSize(1001);
      assertThat(c.deleteEverything()).isEqualTo(1001);
      assertThat(c.metadumpKeys()).isEmpty();
    }
    assertThat(m.isAlive()).isFalse();
    assertThat(alive(pid)).isFalse();
    assertThat(LoopbackPorts.listening(m.port())).isFalse();
  }

  @Test
  void aKilledMemcachedIsGoneAndRestartsEmptyOnItsPort() {
    Memcached m = Memcached.start();
    int port = m.port();
    long first = m.pid();
    long second;
    try (m) {
      try (MemcacheTextClient c = m.client()) {
        assertThat(c.set("before", "v")).isTrue();
      }
      assertThat(m.keys()).containsExactly("before");
      assertThatThrownBy(m::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");

      m.kill();
      assertThat(m.isAlive()).isFalse();
      assertThat(alive(first)).isFalse();
      assertThat(LoopbackPorts.listening(port)).isFalse();
      m.kill(); // idempotent

      m.restart();
      second = m.pid();
      assertThat(second).isNotEqualTo(first);
      assertThat(m.port()).isEqualTo(port);
      assertThat(m.isAlive()).isTrue();
      assertThat(m.keys()).isEmpty(); // a crash loses everything
      try (MemcacheTextClient c = m.client()) {
        assertThat(c.stats()).containsEntry("pid", Long.toString(second));
        assertThat(c.set("after", "v")).isTrue();
      }
      assertThat(m.keys()).containsExactly("after");
    }
    assertThat(m.isAlive()).isFalse();
    assertThat(alive(second)).isFalse();
    assertThat(LoopbackPorts.listening(port)).isFalse();
  }

  @Test
  void killGivesNoChanceToCleanUpWhereCloseDoes() throws Exception {
    // A program that, on SIGTERM, writes a line and exits: close() (SIGTERM) lets it, kill() (SIGKILL) does not.
    List<String> program = List.of("/bin/sh", "-c", "trap 'echo cleaned up; exit 0' TERM; echo started;"
        + " while :; do sleep 0.05; done");
    Path dir = WorkDir.newDirectory("kill");
    BackgroundProcess closed = BackgroundProcess.start(program, dir.resolve("closed.log"));
    BackgroundProcess killed = BackgroundProcess.start(program, dir.resolve("killed.log"));
    try {
      awaitLine(closed, "started");
      awaitLine(killed, "started");
      closed.close();
      killed.kill();
      assertThat(alive(closed.pid())).isFalse();
      assertThat(alive(killed.pid())).isFalse();
      assertThat(closed.logTail()).contains("cleaned up");
      assertThat(killed.logTail()).doesNotContain("cleaned up");
    } finally {
      closed.close();
      killed.close();
    }
  }

  @Test
  void nutcrackerSpreadsKeysOverItsBackendsAndStops() {
    List<Memcached> backends = Memcached.startMany(2);
    try {
      Nutcracker.Pool pool = Nutcracker.Pool.ketama().hash("md5")
          .server(backends.get(0).port(), 1)
          .server(backends.get(1).port(), 1, "beta");
      assertThat(pool.yaml(1234)).contains("listen: 127.0.0.1:1234", "hash: md5",
          "- 127.0.0.1:" + backends.get(1).port() + ":1 beta");
      Nutcracker proxy = Nutcracker.start(pool);
      long pid = proxy.pid();
      List<byte[]> keys = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        keys.add(("key-" + i).getBytes(StandardCharsets.UTF_8));
      }
      try (proxy; MemcacheTextClient c = proxy.client()) {
        c.setAll(keys, new byte[] {'v'});
        assertThat(c.get("key-7")).isEqualTo("v");
      }
      assertThat(alive(pid)).isFalse();
      int total = 0;
      for (Memcached b : backends) {
        try (MemcacheTextClient c = b.client()) {
          int n = c.metadumpKeys().size();
          assertThat(n).as("keys on %s", b).isGreaterThan(0);
          total += n;
        }
      }
      assertThat(total).isEqualTo(200);
    } finally {
      Memcached.closeAll(backends);
    }
  }

  @Test
  void badKeysAreRejectedBeforeSending() {
    assertThatThrownBy(() -> MemcacheTextClient.checkKey(new byte[0])).hasMessageContaining("1 to 250");
    assertThatThrownBy(() -> MemcacheTextClient.checkKey("a b".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no spaces");
    assertThatThrownBy(() -> MemcacheTextClient.checkKey(new byte[251])).hasMessageContaining("251");
  }

  @Test
  void urlDecodingGivesTheStoredBytes() {
    assertThat(MemcacheTextClient.urlDecode("caf%C3%A9%2B+x")).isEqualTo("café++x".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> MemcacheTextClient.urlDecode("%4")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemcacheTextClient.urlDecode("%zz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingProgramFailsNamingItsDebianPackage() {
    assertThatThrownBy(() -> Programs.require("no-such-program-continuum", "some-package"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no-such-program-continuum")
        .hasMessageContaining("apt-get install some-package");
    assertThatThrownBy(() -> Programs.debianPythonWith("no_such_module_continuum", "python3-nothing"))
        .isInstanceOf(MissingProgramError.class)
        .hasMessageContaining("python3-nothing");
  }

  @Test
  void compilesAndRunsACProgram() throws Exception {
    Path dir = WorkDir.newDirectory("c");
    Path src = dir.resolve("echo.c");
    Files.writeString(src, "#include <stdio.h>\nint main(void){int c;while((c=getchar())!=EOF)putchar(c=='a'?'b':c);return 0;}\n");
    Path exe = CPrograms.compile(src, dir.resolve("echo"));
    assertThat(CPrograms.run(exe, "banana".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10)).stdoutText())
        .isEqualTo("bbnbnb");
    Files.writeString(src, "int main(void){ return missing; }\n");
    Files.setLastModifiedTime(src, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertThatThrownBy(() -> CPrograms.compile(src, dir.resolve("echo"))).isInstanceOf(AssertionError.class)
        .hasMessageContaining("missing");
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Waits (at most 10 s) until {@code p}'s log holds {@code text}. */
  private static void awaitLine(BackgroundProcess p, String text) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!p.logTail().contains(text)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(p + " did not write \"" + text + "\" within 10 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aCommandOverItsTimeIsKilledAndReported() {
    assertThatThrownBy(() -> Processes.run(List.of("/bin/sleep", "30"), new byte[0], Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("did not finish");
  }
}
