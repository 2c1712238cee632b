package dev.continuum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.continuum.Server;
import dev.continuum.ServerList.FormatException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fuzz targets for the command line's readers of untrusted files: libketama's server file, a
 * twemproxy YAML configuration and a conformance vector table. Each either reads a valid result or
 * fails with its documented error naming the file and line ({@link FormatException} for server files,
 * {@link UserException} for vector tables; a server file that is not UTF-8 is a {@link FormatException}
 * too); nothing else may escape.
 *
 * <p>{@code mvn test} runs each target on its committed inputs
 * (src/test/resources/dev/continuum/cli/ConfigFileFuzzTestInputs/); {@code scripts/fuzz} fuzzes them.
 */
class ConfigFileFuzzTest {
  private static final Pattern AT_LINE = Pattern.compile("^fuzz\\.\\w+:\\d+: .+", Pattern.DOTALL);

  private static Path write(byte[] input, String suffix) {
    try {
      Path f = Files.createTempFile("continuum-fuzz", suffix);
      f.toFile().deleteOnExit();
      Files.write(f, input);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void libketamaFile(byte[] input) throws IOException {
    Path file = write(input, ".servers");
    List<Server> servers;
    try {
      servers = LibketamaFile.read(file);
    } catch (FormatException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.getMessage()).startsWith(file + ":" + e.line() + ": ");
      return;
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(servers).isNotEmpty();
    assertThat(new HashSet<>(servers)).hasSameSizeAs(servers);
    for (Server s : servers) {
      assertThat(s.port()).isBetween(1, 65535);
      assertThat(s.capacity()).isNotNegative();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void twemproxyConfig(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    TwemproxyConfig config;
    try {
      config = TwemproxyConfig.read(new StringReader(text), "fuzz.yml", null);
    } catch (FormatException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.getMessage()).matches(AT_LINE);
      return;
    }
    assertThat(config.servers).isNotEmpty();
    assertThat(config.algorithm.cliName()).isIn("twemproxy", "twemproxy-md5");
    assertThat(new HashSet<>(config.servers)).hasSameSizeAs(config.servers);
    for (Server s : config.servers) {
      assertThat(s.capacity()).isPositive();
    }
    // what was read writes out and reads back the same
    String hash = config.algorithm.cliName().equals("twemproxy-md5") ? "md5" : null;
    String again = TwemproxyConfig.write(config.pool, config.servers, hash);
    TwemproxyConfig reread = TwemproxyConfig.read(new StringReader(again), "again.yml", config.pool);
    assertThat(reread.algorithm).isEqualTo(config.algorithm);
    assertThat(reread.servers).hasSameSizeAs(config.servers);
    for (int i = 0; i < config.servers.size(); i++) {
      Server s = config.servers.get(i);
      Server r = reread.servers.get(i);
      assertThat(List.of(r.hostPort(), r.capacity(), String.valueOf(r.name())))
          .as("round trip of %s", s).isEqualTo(List.of(s.hostPort(), s.capacity(), String.valueOf(s.name())));
    }
  }

  @FuzzTest(maxDuration = "30s")
  void vectorTable(byte[] input) throws IOException {
    Path file = write(input, ".tsv");
    String name = file.getFileName().toString();
    try {
      VectorTable table = VectorTable.read(file);
      for (VectorTable.Row row : table.rows) {
        assertThat(row.line).isPositive();
        assertThat(row.where()).startsWith(name + ":");
        // every accessor either answers or says which cell is wrong
        for (String column : new String[] {"key", "hash", "server", "missing"}) {
          try {
            row.get(column);
            row.getInt(column);
            row.hex(column);
          } catch (UserException e) {
            assertThat(e.getMessage()).startsWith(row.where() + ": ");
          }
        }
      }
    } catch (UserException e) {
      assertThat(e.getMessage()).startsWith(name + ":");
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
