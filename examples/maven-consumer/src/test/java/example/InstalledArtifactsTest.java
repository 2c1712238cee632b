package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuum.Continuum;
import dev.continuum.spymemcached.ContinuumNodeLocator;
import dev.continuum.xmemcached.ContinuumSessionLocator;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The artifacts this project resolved by coordinates are the ones a user gets from {@code mvn install}:
 * the jars of this checkout (not stale copies), with sources and Javadoc jars beside them, and core
 * the named module {@code dev.continuum} exporting only {@code dev.continuum}.
 */
class InstalledArtifactsTest {
  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void coreIsTheNamedModuleDevContinuumExportingOnlyItsApi() throws Exception {
    Path jar = jarOf(Continuum.class);
    ModuleDescriptor module = ModuleFinder.of(jar).findAll().iterator().next().descriptor();
    assertEquals("dev.continuum", module.name());
    assertFalse(module.isAutomatic(), "continuum-core has no module-info: " + jar);
    Set<String> exports = module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertEquals(Set.of("dev.continuum"), exports);
    assertTrue(module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
    assertEquals(Set.of("java.base"), module.requires().stream().map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet()), "core has no dependencies");
  }

  @Test
  void theInstalledJarsAreThisCheckoutsBuildWithSourcesAndJavadoc() throws Exception {
    for (Class<?> type : List.of(Continuum.class, ContinuumNodeLocator.class, ContinuumSessionLocator.class)) {
      Path installed = jarOf(type);
      assertFalse(installed.startsWith(DocExamplesTest.checkout()),
          "resolved from the checkout, not from a repository: " + installed);
      String artifact = installed.getParent().getParent().getFileName().toString();
      String version = installed.getParent().getFileName().toString();
      for (String classifier : List.of("sources", "javadoc")) {
        Path attached = installed.resolveSibling(artifact + "-" + version + "-" + classifier + ".jar");
        assertTrue(Files.isRegularFile(attached), "missing " + attached);
      }
      // scripts/test builds the checkout and installs it just before: the bytes must be those of the
      // module's target/ jar (builds are reproducible, so a rebuild of the same sources matches too).
      String module = artifact.substring("continuum-".length());
      Path built = DocExamplesTest.checkout().resolve(module).resolve("target").resolve(installed.getFileName());
      if (Files.exists(built)) {
        assertArrayEquals(Files.readAllBytes(built), Files.readAllBytes(installed),
            installed + " differs from " + built + ": run mvn install at the root first");
      }
    }
  }

  /**
   * The answers of the real programs: python-continuum 0.1.1's README session, and libmemcached
   * 1.1.4's placement of "foo" in configuration L01 of the libmemcached vectors.
   */
  @Test
  void theQuickstartRunsOnTheInstalledArtifacts() {
    assertEquals(List.of(
        "python-continuum my-first-key -> 192.168.0.1:8080",
        "python-continuum my-other-key -> 192.168.0.3:8080",
        "libmemcached-ketama-weighted foo -> 192.168.0.37:11211"), Quickstart.run());
  }

}
