package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md, compiled against the installed artifacts (this
 * project's class path) and run. A statement whose comment says what it gives is checked:
 *
 * <pre>
 * c.resolve("my-first-key");           // -&gt; &lt;Server "192.168.0.1:8080", capacity=1&gt;
 * c.addServer("192.168.0.2", 8080);    // throws IllegalArgumentException: server already added: ...
 * </pre>
 *
 * The first compares {@code String.valueOf} of the expression (or of the variable a declaration
 * declares) with the text after {@code ->}; the second expects that exception, with that message when
 * one is given. A block opened with {@code ```java compile-only} is compiled but not run (it would
 * connect to servers). Each block becomes one method; {@code java.util}, {@code dev.continuum},
 * {@code dev.continuum.spymemcached} and {@code net.spy.memcached} are imported for blocks that show a
 * fragment without its imports (a block's own imports take precedence).
 */
class DocExamplesTest {
  private static final Pattern CHECKED = Pattern.compile("^(\\s*)(.*;)\\s*//\\s*->\\s*(.*?)\\s*$");
  private static final Pattern THROWS = Pattern.compile("^(\\s*)(.*;)\\s*//\\s*throws\\s+([\\w.]+)(?::\\s*(.*?))?\\s*$");
  private static final Pattern DECLARATION = Pattern.compile("^([\\w.]+(?:<[\\w.<>, ?]*>)?(?:\\[\\])*)\\s+(\\w+)\\s*=.*;$");
  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+[\\w.*]+\\s*;\\s*$");

  /** One fenced Java block: where it starts (the line after the fence) and its lines. */
  record Block(String file, int firstLine, boolean compileOnly, List<String> lines) {
    String className() {
      return "Example_" + file.replaceAll("[^A-Za-z0-9]", "_") + "_" + firstLine;
    }
  }

  static Path checkout() {
    String dir = System.getProperty("continuum.checkout");
    assertTrue(dir != null, "system property continuum.checkout (set by the pom) is missing");
    return Path.of(dir).toAbsolutePath().normalize();
  }

  static List<Block> blocks() throws IOException {
    Path root = checkout();
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Block> out = new ArrayList<>();
    for (Path f : files) {
      String name = root.relativize(f).toString();
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String fence = lines.get(i).strip();
        if (!fence.startsWith("```java")) {
          continue;
        }
        boolean compileOnly = fence.contains("compile-only");
        List<String> body = new ArrayList<>();
        int start = i + 2; // 1-based number of the first line inside the fence
        for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
          body.add(lines.get(i));
        }
        out.add(new Block(name, start, compileOnly, body));
      }
    }
    return out;
  }

  /** The Java source of one block: a class with a static {@code run()} holding the block's statements. */
  static String source(Block b) {
    List<String> imports = new ArrayList<>(List.of("java.util.*", "dev.continuum.*", "dev.continuum.spymemcached.*",
        "net.spy.memcached.*"));
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < b.lines().size(); i++) {
      String line = b.lines().get(i);
      String where = "\"" + b.file() + ":" + (b.firstLine() + i) + "\"";
      Matcher m;
      if (IMPORT.matcher(line).matches()) {
        imports.add(line.strip().substring("import ".length(), line.strip().length() - 1).strip());
        body.append('\n');
      } else if ((m = THROWS.matcher(line)).matches()) {
        String message = m.group(4) == null ? "null" : javaString(m.group(4));
        body.append(m.group(1)).append("example.Check.fails(").append(where).append(", ").append(m.group(3))
            .append(".class, ").append(message).append(", () -> { ").append(m.group(2)).append(" });\n");
      } else if ((m = CHECKED.matcher(line)).matches()) {
        String statement = m.group(2).strip();
        Matcher d = DECLARATION.matcher(statement);
        String value = d.matches() ? d.group(2) : statement.substring(0, statement.length() - 1);
        if (d.matches()) {
          body.append(m.group(1)).append(statement).append(' ');
        }
        body.append(m.group(1)).append("example.Check.gives(").append(where).append(", ").append(value)
            .append(", ").append(javaString(m.group(3))).append(");\n");
      } else {
        body.append(line).append('\n');
      }
    }
    StringBuilder src = new StringBuilder("package generated;\n");
    for (String i : imports) {
      src.append("import ").append(i).append(";\n");
    }
    // One line per block line, so that a compiler error's line number is the block's line + offset.
    return src + "public final class " + b.className() + " {\n  public static void run() throws Exception {\n"
        + body + "  }\n}\n";
  }

  private static String javaString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void theDocsHaveExamplesToCheck() throws IOException {
    List<Block> blocks = blocks();
    assertTrue(blocks.stream().anyMatch(b -> b.file().equals("README.md") && !b.compileOnly()),
        "README.md has no runnable ```java block");
    long checks = blocks.stream().flatMap(b -> b.lines().stream())
        .filter(l -> CHECKED.matcher(l).matches() || THROWS.matcher(l).matches()).count();
    assertTrue(checks >= 10, "only " + checks + " checked statements in the docs' Java examples");
  }

  @TestFactory
  Stream<DynamicTest> everyJavaExampleCompilesAndRuns(@TempDir Path work) throws Exception {
    List<Block> blocks = blocks();
    Path src = work.resolve("src/generated");
    Path classes = work.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    List<String> options = List.of("-d", classes.toString(), "-classpath", classPath(), "-proc:none");
    List<String> files = new ArrayList<>();
    for (Block b : blocks) {
      Path file = src.resolve(b.className() + ".java");
      Files.writeString(file, source(b), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled = javac.getTask(errors, null, null, options, null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromStrings(files)).call();
    assertTrue(compiled, "the docs' Java examples do not compile against the installed artifacts:\n" + errors);
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    return blocks.stream().filter(b -> !b.compileOnly()).map(b -> DynamicTest.dynamicTest(
        b.file() + ":" + b.firstLine(), () -> {
          Method run = loader.loadClass("generated." + b.className()).getMethod("run");
          try {
            run.invoke(null);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }

  /** The test class path as surefire gives it: the installed continuum jars and their dependencies. */
  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    assertFalse(cp == null || !cp.contains("continuum-core"), "continuum-core is not on the class path: " + cp);
    return cp;
  }

  @Test
  void checksCanFail() {
    Block wrong = new Block("x.md", 1, false, List.of("int n = 1 + 1; // -> 3"));
    String generated = source(wrong);
    assertTrue(generated.contains("int n = 1 + 1; example.Check.gives(\"x.md:1\", n, \"3\");"), generated);
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> Check.gives("x.md:1", 2, "3"));
    assertEquals("x.md:1: expected 3 but got 2", e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> Check.fails("x.md:2", IllegalStateException.class, null, () -> { }));
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> Check.fails("x.md:3", IllegalStateException.class, "empty", () -> {
          throw new IllegalStateException("full");
        }));
  }
}
