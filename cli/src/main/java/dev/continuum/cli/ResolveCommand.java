package dev.continuum.cli;

import dev.continuum.Continuum;
import dev.continuum.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code continuum resolve}: which server each key goes to. Streams: each line is read, placed and
 * written before the next is read, in bounded memory, and the output is flushed whenever the input
 * would block, so a pipe sees each answer as soon as its key arrives.
 */
@Command(
    name = "resolve",
    header = "Prints the server each key is placed on.",
    abbreviateSynopsis = true,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    description = {
      "Keys come from the arguments, from --keys-file FILE, or from standard input: one key per line, "
          + "read as raw bytes (placed exactly as the library's resolve(byte[]) places them, whatever "
          + "the encoding) and written back unchanged; a line ends at LF or CRLF. Answers stream: "
          + "each is written as soon as its key is read.",
      "",
      "Examples:",
      "  continuum resolve my-first-key my-other-key",
      "  continuum resolve --servers servers.txt --format tsv < keys.txt",
      "  continuum resolve --server 10.0.0.1:11211 \\",
      "      --server 10.0.0.2:11211:2 foo bar",
      "  continuum resolve --algorithm twemproxy --server 127.0.0.1:22000:1 \\",
      "      --name 127.0.0.1:22000=alpha foo",
      "  continuum resolve --algorithm pymemcache --seed 42 \\",
      "      --server 10.0.0.1:11211 foo"
    })
final class ResolveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Mixin ServerOptions serverOptions;

  @Mixin AlgorithmOption algorithmOption;

  @Option(names = "--keys-file", paramLabel = "FILE",
      description = "Read keys from FILE, one per line (after any KEY arguments).%n  e.g. --keys-file keys.txt.")
  Path keysFile;

  /** The spelling before 0.2, when only resolve read a key file; {@code --keys} elsewhere counts sample keys. */
  @Option(names = "--keys", paramLabel = "FILE", hidden = true)
  void legacyKeysFile(Path file) {
    keysFile = file;
  }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text ('key -> host:port'), tsv (key<TAB>host:port; a tab, CR, LF or backslash in a key is "
          + "written \\t, \\r, \\n or \\\\), csv (a key,server header, then RFC 4180 rows) or json (an array of "
          + "{key, server, host, port, weight, name}) (default: ${DEFAULT-VALUE}).%n  e.g. --format tsv.")
  Format format;

  @Parameters(paramLabel = "KEY", arity = "0..*", description = "Keys to place.")
  List<String> keys = new ArrayList<>();

  enum Format { text, tsv, csv, json }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FIRST_OBJECT = "\n  {\"key\": ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEXT_OBJECT = ",\n  {\"key\": ".getBytes(StandardCharsets.US_ASCII);

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Fleet fleet = serverOptions.fleetOrExample(err);
    algorithmOption.imply(fleet);
    Continuum continuum = algorithmOption.build(algorithmOption.algorithm(fleet.implied), fleet.servers, err);
    if (keysFile != null) {
      Input.requireFile(keysFile);
    }
    spec.commandLine().getOut().flush();
    ByteSink out = new ByteSink(main.stdout);
    Writer writer = new Writer(out, format, continuum.servers());
    writer.start();
    for (String k : keys) {
      byte[] key = k.getBytes(StandardCharsets.UTF_8);
      writer.write(key, 0, key.length, continuum.resolve(key));
    }
    if (keysFile != null) {
      try (InputStream in = Files.newInputStream(keysFile)) {
        place(new KeyReader(in, keysFile.toString(), () -> { }), continuum, writer);
      }
    } else if (keys.isEmpty()) {
      place(new KeyReader(main.stdin, "standard input", () -> flushQuietly(out)), continuum, writer);
    }
    writer.end();
    out.flush();
    return 0;
  }

  private static void place(KeyReader reader, Continuum continuum, Writer writer) throws IOException {
    // resolve(byte[]) reads the whole array and keeps none: one reused array per short key length
    // makes the loop allocation-free, so memory stays flat however many keys stream through.
    byte[][] scratch = new byte[SCRATCH_LENGTHS][];
    while (reader.next()) {
      byte[] buf = reader.buffer();
      int from = reader.keyStart();
      int length = reader.keyEnd() - from;
      byte[] key;
      if (length < SCRATCH_LENGTHS) {
        key = scratch[length];
        if (key == null) {
          key = scratch[length] = new byte[length];
        }
        System.arraycopy(buf, from, key, 0, length);
      } else {
        key = reader.key();
      }
      writer.write(buf, from, from + length, continuum.resolve(key));
    }
  }

  /** Keys shorter than this reuse an array of their length. */
  private static final int SCRATCH_LENGTHS = 512;

  private static void flushQuietly(ByteSink out) {
    try {
      out.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes one answer per key in the chosen format, with each server's text encoded once. */
  private static final class Writer {
    private final ByteSink out;
    private final Format format;
    private final Map<Server, byte[]> serverText = new HashMap<>();
    private long written;

    Writer(ByteSink out, Format format, List<Server> servers) {
      this.out = out;
      this.format = format;
      for (Server s : servers) {
        String text;
        switch (format) {
          case json:
            text = ", \"server\": " + Json.string(s.hostPort()) + ", \"host\": " + Json.string(s.host())
                + ", \"port\": " + s.port() + ", \"weight\": " + s.capacity() + ", \"name\": "
                + (s.name() == null ? "null" : Json.string(s.name())) + "}";
            break;
          case csv:
            text = "," + Report.join(new String[] {s.hostPort()}, ',') + "\n";
            break;
          case tsv:
            text = "\t" + s.hostPort() + "\n";
            break;
          default:
            text = " -> " + s.hostPort() + "\n";
        }
        serverText.put(s, text.getBytes(StandardCharsets.UTF_8));
      }
    }

    void start() throws IOException {
      if (format == Format.json) {
        out.write((byte) '[');
      } else if (format == Format.csv) {
        out.write("key,server\n");
      }
    }

    /** The answer for the key in {@code b[from, to)}. */
    void write(byte[] b, int from, int to, Server server) throws IOException {
      switch (format) {
        case tsv:
          tsv(b, from, to);
          break;
        case csv:
          csv(b, from, to);
          break;
        case json:
          out.write(written == 0 ? FIRST_OBJECT : NEXT_OBJECT);
          json(b, from, to);
          break;
        default:
          out.write(b, from, to - from);
      }
      out.write(serverText.get(server));
      written++;
    }

    void end() throws IOException {
      if (format == Format.json) {
        out.write(written == 0 ? "]\n" : "\n]\n");
      }
    }

    /** The key with tab, CR, LF and backslash escaped, so that a key is always one field of one row. */
    private void tsv(byte[] b, int from, int to) throws IOException {
      int start = from;
      for (int i = from; i < to; i++) {
        byte c = b[i];
        byte escaped = c == '\t' ? (byte) 't' : c == '\n' ? (byte) 'n' : c == '\r' ? (byte) 'r' : c == '\\' ? (byte) '\\' : 0;
        if (escaped != 0) {
          out.write(b, start, i - start);
          out.write((byte) '\\');
          out.write(escaped);
          start = i + 1;
        }
      }
      out.write(b, start, to - start);
    }

    /** RFC 4180: quoted when the key holds a comma, quote, CR or LF; quotes doubled. */
    private void csv(byte[] b, int from, int to) throws IOException {
      boolean quote = false;
      for (int i = from; i < to && !quote; i++) {
        quote = b[i] == ',' || b[i] == '"' || b[i] == '\r' || b[i] == '\n';
      }
      if (!quote) {
        out.write(b, from, to - from);
        return;
      }
      out.write((byte) '"');
      for (int i = from; i < to; i++) {
        if (b[i] == '"') {
          out.write((byte) '"');
        }
        out.write(b[i]);
      }
      out.write((byte) '"');
    }

    /**
     * A JSON string of the key. Valid UTF-8 is written as it is; a byte that is not part of valid
     * UTF-8 becomes the lone surrogate U+DC80 + byte - 0x80, written as a JSON escape (Python's "surrogateescape", which turns it
     * back into the byte), and the exact bytes follow as {@code "key_base64"}.
     */
    private void json(byte[] b, int from, int to) throws IOException {
      out.write((byte) '"');
      boolean exact = true;
      int i = from;
      while (i < to) {
        int c = b[i] & 0xff;
        if (c >= 0x80) {
          int bad = Input.firstMalformed(b, i, Math.min(to, i + 4));
          if (bad == i) {
            out.write("\\udc");
            out.write(HEX[c >> 4]);
            out.write(HEX[c & 15]);
            exact = false;
            i++;
          } else {
            int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
            out.write(b, i, len);
            i += len;
          }
          continue;
        }
        if (c == '"' || c == '\\') {
          out.write((byte) '\\');
          out.write((byte) c);
        } else if (c < 0x20) {
          out.write(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format("\\u%04x", c));
        } else {
          out.write((byte) c);
        }
        i++;
      }
      out.write((byte) '"');
      if (!exact) {
        out.write(", \"key_base64\": \"");
        out.write(Base64.getEncoder().encode(java.util.Arrays.copyOfRange(b, from, to)));
        out.write((byte) '"');
      }
    }
  }
}
