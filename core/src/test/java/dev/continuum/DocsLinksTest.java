package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in the repository's Markdown (README.md, the other top-level documents and
 * everything under docs/) points at a file or directory that exists, and every {@code #anchor} at a
 * heading of the target, with GitHub's anchor rules. Lives in core because core's tests run in every
 * build, including each engineer's {@code -pl core -am verify}.
 */
class DocsLinksTest {
  /** Inline links and images: {@code [text](target)} or {@code [text](target "title")}. */
  private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  /** Reference definitions: {@code [label]: target}. */
  private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ID = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

  @Test
  void everyRelativeLinkOfTheDocumentationResolves() {
    Path root = repositoryRoot();
    List<Path> docs = documents(root);
    assertThat(docs).as("documents found under " + root)
        .contains(root.resolve("README.md"), root.resolve("docs/compatibility.md"));
    List<String> broken = new ArrayList<>();
    for (Path doc : docs) {
      broken.addAll(brokenLinks(doc, new HashMap<>()));
    }
    assertThat(broken).as("broken relative links").isEmpty();
  }

  /** README's "Read more" is the index of docs/: a page it does not link is a page nobody finds. */
  @Test
  void readmeLinksEveryDocsPage() throws IOException {
    Path root = repositoryRoot();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      List<String> unlinked = docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md"))
          .filter(p -> !readme.contains("](" + p + ")") && !readme.contains("](" + p + "#")).sorted().toList();
      assertThat(unlinked).as("docs pages README.md does not link").isEmpty();
    }
  }

  /**
   * README lists every algorithm and dialect (one line each; a line may abbreviate a family as
   * {@code `libmemcached-spy`, `-spy-md5`}), and docs/compatibility.md states the rules of every dialect.
   */
  @Test
  void everyAlgorithmIsListedAndEveryDialectDocumented() throws IOException {
    Path root = repositoryRoot();
    List<String> readme = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
    String compatibility = Files.readString(root.resolve("docs/compatibility.md"), StandardCharsets.UTF_8);
    List<String> unlisted = new ArrayList<>();
    List<String> undocumented = new ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      String name = a.cliName();
      if (readme.stream().noneMatch(line -> mentions(line, name))) {
        unlisted.add(name);
      }
      if (a.isCompatibilityDialect() && !compatibility.contains("`" + name + "`")) {
        undocumented.add(name);
      }
    }
    assertThat(unlisted).as("algorithms README.md does not list").isEmpty();
    assertThat(undocumented).as("dialects docs/compatibility.md does not describe").isEmpty();
  }

  /** {@code `name`} on the line, or {@code `-suffix`} after the family's {@code `prefix...`}. */
  private static boolean mentions(String line, String name) {
    if (line.contains("`" + name + "`")) {
      return true;
    }
    for (int dash = name.indexOf('-'); dash > 0; dash = name.indexOf('-', dash + 1)) {
      String prefix = "`" + name.substring(0, dash);
      int family = line.indexOf(prefix);
      if (family >= 0 && line.indexOf("`" + name.substring(dash) + "`", family) > family) {
        return true;
      }
    }
    return false;
  }

  @Test
  void readmeStaysShort() throws IOException {
    String readme = Files.readString(repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
    assertThat(readme.length()).as("README.md characters (details belong in docs/)").isLessThanOrEqualTo(15_000);
  }

  @Test
  void theCheckerFindsBrokenFilesAndAnchors(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("docs/a.md"), """
        # Title: the `first` one (v0.1.1)
        ## Title: the first one (v0.1.1)
        see [self](#title-the-first-one-v011-1), [b](b.md#part-two), [up](../README.md)
        ```
        [inside a fence](nowhere.md)
        ```
        `[in code](nowhere.md)` and [web](https://example.com/x.md)
        [missing](gone.md) [bad anchor](b.md#part-three) [bad self](#nope)
        [ref]: gone-too.md
        """);
    Files.writeString(dir.resolve("docs/b.md"), "# Intro\n\n## Part two\n");
    Files.writeString(dir.resolve("README.md"), "[docs](docs/) [pic](docs/b.md)\n");
    assertThat(brokenLinks(dir.resolve("docs/a.md"), new HashMap<>())).containsExactly(
        "a.md:8: gone.md (no such file)",
        "a.md:8: b.md#part-three (no heading \"part-three\")",
        "a.md:8: #nope (no heading \"nope\")",
        "a.md:9: gone-too.md (no such file)");
    assertThat(brokenLinks(dir.resolve("README.md"), new HashMap<>())).isEmpty();
  }

  @Test
  void anchorsFollowGitHub() {
    assertThat(anchor("twemproxy (nutcracker 0.5.0)")).isEqualTo("twemproxy-nutcracker-050");
    assertThat(anchor("Side by side: `./continuum compare`")).isEqualTo("side-by-side-continuum-compare");
    assertThat(anchor("spymemcached 2.12.3 `KetamaNodeLocator`, `KETAMA_HASH`"))
        .isEqualTo("spymemcached-2123-ketamanodelocator-ketama_hash");
  }

  /** The directory holding the parent pom and README.md, found upwards from the working directory. */
  static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("core"))) {
        return p;
      }
    }
    throw new IllegalStateException("no README.md with a core/ directory above " + Path.of("").toAbsolutePath());
  }

  private static List<Path> documents(Path root) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> top = Files.list(root); Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      top.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** One line per broken link of {@code doc}: {@code file:line: target (why)}. */
  static List<String> brokenLinks(Path doc, Map<Path, Set<String>> anchorCache) {
    List<String> broken = new ArrayList<>();
    List<String> lines = readLines(doc);
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      String text = line.replaceAll("`[^`]*`", "``");
      List<String> targets = new ArrayList<>();
      Matcher m = INLINE.matcher(text);
      while (m.find()) {
        targets.add(m.group(1));
      }
      Matcher r = REFERENCE.matcher(text);
      if (r.matches()) {
        targets.add(r.group(1));
      }
      for (String target : targets) {
        String problem = problem(doc, target, anchorCache);
        if (problem != null) {
          broken.add(doc.getFileName() + ":" + (i + 1) + ": " + target + " (" + problem + ")");
        }
      }
    }
    return broken;
  }

  private static String problem(Path doc, String target, Map<Path, Set<String>> anchorCache) {
    if (target.isEmpty() || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // absolute URL (http:, https:, mailto:): not ours to check
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (fragment != null && resolved.toString().endsWith(".md")
        && !anchorCache.computeIfAbsent(resolved, DocsLinksTest::anchors).contains(fragment)) {
      return "no heading \"" + fragment + "\"";
    }
    return null;
  }

  /** The anchors GitHub gives the headings of a Markdown file, duplicates numbered -1, -2 ... */
  private static Set<String> anchors(Path doc) {
    Set<String> out = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : readLines(doc)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher id = HTML_ID.matcher(line);
      while (id.find()) {
        out.add(id.group(1));
      }
      Matcher h = HEADING.matcher(line);
      if (!fenced && h.matches()) {
        String base = anchor(h.group(1));
        int n = seen.merge(base, 1, Integer::sum) - 1;
        out.add(n == 0 ? base : base + "-" + n);
      }
    }
    return out;
  }

  /** GitHub's rule: lower case, drop all but letters, digits, spaces, '-' and '_', spaces to '-'. */
  static String anchor(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (cp == ' ') {
        out.append('-');
      } else if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_') {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  private static List<String> readLines(Path doc) {
    try {
      return Files.readAllLines(doc, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
