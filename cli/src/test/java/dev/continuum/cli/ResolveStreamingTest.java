package dev.continuum.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** resolve streams its answers, and places keys by their raw bytes exactly as the library does. */
class ResolveStreamingTest {
  @TempDir Path dir;
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** The first answer comes out while the pipe feeding the keys is still open. */
  @ParameterizedTest
  @ValueSource(strings = {"text", "tsv", "csv", "json"})
  void answersStreamWhileTheInputStaysOpen(String format) throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(feed, 1 << 16);
    PipedInputStream answers = new PipedInputStream(1 << 16);
    PipedOutputStream stdout = new PipedOutputStream(answers);
    Future<Integer> run = pool.submit(() -> {
      try (OutputStream out = stdout) {
        return Main.run(new String[] {"resolve", "--format", format}, stdin, out, OutputStream.nullOutputStream());
      }
    });
    feed.write("my-first-key\n".getBytes(UTF_8));
    feed.flush();
    String expected = format.equals("json") ? "192.168.0.1:8080" : "my-first-key" + (format.equals("text") ? " -> "
        : format.equals("tsv") ? "\t" : ",") + "192.168.0.1:8080";
    Future<String> first = pool.submit(() -> readUntil(answers, expected));
    assertThat(first.get(60, TimeUnit.SECONDS)).endsWith(expected);
    assertThat(run.isDone()).as("resolve must still be waiting for keys").isFalse();
    feed.write("my-other-key\n".getBytes(UTF_8));
    feed.close();
    String rest = pool.submit(() -> new String(answers.readAllBytes(), UTF_8)).get(60, TimeUnit.SECONDS);
    assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(rest).contains("192.168.0.3:8080");
  }

  private static String readUntil(InputStream in, String end) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (!b.toString(UTF_8).endsWith(end)) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
    }
    return b.toString(UTF_8);
  }

  private static List<Server> fleet() {
    return Cli.exampleFleet();
  }

  private static Continuum library() {
    Continuum c = Continuum.builder(Algorithm.PYTHON_CONTINUUM).build();
    c.addServers(fleet());
    return c;
  }

  /** Random keys of any bytes but LF (the line separator) and a final CR (dropped as CRLF). */
  private static byte[][] randomKeys(int count) {
    SplittableRandom random = new SplittableRandom(13);
    byte[][] keys = new byte[count][];
    keys[0] = new byte[] {'b', 'a', 'd', '-', (byte) 0xff, (byte) 0xfe, '-', 'k', 'e', 'y'};
    keys[1] = "a\tb\\c".getBytes(UTF_8);
    keys[2] = "café".getBytes(UTF_8);
    for (int i = 3; i < count; i++) {
      byte[] k = new byte[1 + random.nextInt(24)];
      for (int j = 0; j < k.length; j++) {
        do {
          k[j] = (byte) random.nextInt(256);
        } while (k[j] == '\n' || (j == k.length - 1 && k[j] == '\r'));
      }
      keys[i] = k;
    }
    return keys;
  }

  private static byte[] lines(byte[][] keys, String eol) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] k : keys) {
      b.writeBytes(k);
      b.writeBytes(eol.getBytes(UTF_8));
    }
    return b.toByteArray();
  }

  /** tsv: the key's bytes with tab, CR, LF and backslash escaped, a tab, the server. */
  private static byte[] expectedTsv(byte[][] keys, Continuum c) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] k : keys) {
      for (byte x : k) {
        switch (x) {
          case '\t': b.writeBytes("\\t".getBytes(UTF_8)); break;
          case '\r': b.writeBytes("\\r".getBytes(UTF_8)); break;
          case '\n': b.writeBytes("\\n".getBytes(UTF_8)); break;
          case '\\': b.writeBytes("\\\\".getBytes(UTF_8)); break;
          default: b.write(x);
        }
      }
      b.writeBytes(("\t" + c.resolve(k).hostPort() + "\n").getBytes(UTF_8));
    }
    return b.toByteArray();
  }

  @Test
  void standardInputKeysArePlacedByTheirRawBytes() {
    byte[][] keys = randomKeys(2000);
    Cli.Bytes r = Cli.runWithBytes(lines(keys, "\n"), "resolve", "--servers", Cli.example("fleet.txt"), "--format", "tsv");
    assertThat(r.code).as(r.toString()).isZero();
    assertThat(r.out).isEqualTo(expectedTsv(keys, library()));
  }

  @Test
  void keysFileKeysArePlacedByTheirRawBytesAndCrLfEndsALine() throws Exception {
    byte[][] keys = randomKeys(2000);
    Path file = Files.write(dir.resolve("keys.bin"), lines(keys, "\r\n"));
    Cli.Bytes r = Cli.runWithBytes(new byte[0], "resolve", "--servers", Cli.example("fleet.txt"), "--keys-file",
        file.toString(), "--format", "tsv");
    assertThat(r.code).as(r.toString()).isZero();
    assertThat(r.out).isEqualTo(expectedTsv(keys, library()));
  }

  @Test
  void textFormatWritesTheKeyBackUnchanged() {
    byte[] key = {'b', 'a', 'd', '-', (byte) 0xff, (byte) 0xfe, '-', 'k', 'e', 'y'};
    Cli.Bytes r = Cli.runWithBytes(lines(new byte[][] {key}, "\n"), "resolve", "--servers", Cli.example("fleet.txt"));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(key);
    expected.writeBytes((" -> " + library().resolve(key).hostPort() + "\n").getBytes(UTF_8));
    assertThat(r.out).isEqualTo(expected.toByteArray());
  }

  @Test
  void jsonCarriesBytesThatAreNotUtf8AsBase64() {
    byte[][] keys = randomKeys(300);
    Cli.Bytes r = Cli.runWithBytes(lines(keys, "\n"), "resolve", "--servers", Cli.example("fleet.txt"), "--format", "json");
    assertThat(r.code).as(r.toString()).isZero();
    String json = new String(r.out, UTF_8);
    Matcher m = Pattern.compile("\\{\"key\": \"((?:[^\"\\\\]|\\\\.)*)\"(?:, \"key_base64\": \"([^\"]*)\")?, "
        + "\"server\": \"([^\"]*)\"").matcher(json);
    Continuum c = library();
    int i = 0;
    for (; m.find(); i++) {
      byte[] key = m.group(2) != null ? Base64.getDecoder().decode(m.group(2)) : unescape(m.group(1)).getBytes(UTF_8);
      assertThat(key).as("key %d", i).isEqualTo(keys[i]);
      assertThat(m.group(3)).isEqualTo(c.resolve(keys[i]).hostPort());
    }
    assertThat(i).isEqualTo(keys.length);
    assertThat(json).startsWith("[\n  {\"key\": \"bad-\\udcff\\udcfe-key\", \"key_base64\": \"YmFkLf/+LWtleQ==\"")
        .contains("{\"key\": \"a\\tb\\\\c\", \"server\"").contains("{\"key\": \"café\", \"server\"").endsWith("}\n]\n");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n': b.append('\n'); break;
        case 'r': b.append('\r'); break;
        case 't': b.append('\t'); break;
        case 'u': b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; break;
        default: b.append(e);
      }
    }
    return b.toString();
  }

  @Test
  void csvQuotesAndTsvEscapesKeysGivenAsArguments() {
    Cli tsv = Cli.run("resolve", "--format", "tsv", "a\tb", "line\nbreak");
    assertThat(tsv.out.lines().map(l -> l.split("\t").length)).containsOnly(2);
    assertThat(tsv.out).startsWith("a\\tb\t").contains("\nline\\nbreak\t");
    Cli csv = Cli.run("resolve", "--format", "csv", "line\nbreak");
    assertThat(csv.out).startsWith("key,server\n\"line\nbreak\",192.168.0.");
  }

  /** A reader that goes away ('| head -1') ends the run quietly with the shell's SIGPIPE status. */
  @Test
  void aClosedPipeEndsQuietly() {
    OutputStream closed = new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw new java.io.IOException("Broken pipe");
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"resolve", "--server", "a:1", "k"}, InputStream.nullInputStream(), closed, err);
    assertThat(code).isEqualTo(141);
    assertThat(err.toString(UTF_8)).isEmpty();
  }

  @Test
  void emptyInputGivesAnEmptyJsonArray() {
    Cli r = Cli.runWithInput("", "resolve", "--format", "json");
    assertThat(r.code).isZero();
    assertThat(r.out).isEqualTo("[]\n");
  }
}
