package io.pilotlaunch.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page templates let Thymeleaf escape every value: unescaped output is only our own style and
 * the milestone document, which commonmark rendered with its raw HTML escaped; and no script.
 */
class PageTemplatesTest {

  private static final List<Path> TEMPLATES =
      List.of(
          Path.of("src/main/resources/templates/pilots"),
          Path.of("src/main/resources/templates/roadmap"));
  private static final Pattern UNESCAPED = Pattern.compile("th:utext=\"([^\"]*)\"");

  @Test
  void onlyTheStyleAndTheRenderedDocumentAreWrittenUnescaped() throws IOException {
    List<Path> templates = templates();
    assertThat(templates).extracting(path -> path.getFileName().toString()).contains("layout.html");
    for (Path template : templates) {
      Matcher unescaped = UNESCAPED.matcher(Files.readString(template));
      while (unescaped.find()) {
        assertThat(unescaped.group(1)).as(template.toString()).isIn("${style}", "${document}");
      }
    }
  }

  @Test
  void theTemplatesHoldNoScriptNoInlineStyleAndNoEventHandler() throws IOException {
    for (Path template : templates()) {
      assertThat(Files.readString(template))
          .as(template.toString())
          .doesNotContain("<script", " style=\"", "th:inline")
          .doesNotContainPattern("\\son[a-z]+=");
    }
  }

  private static List<Path> templates() throws IOException {
    List<Path> templates = new ArrayList<>();
    for (Path directory : TEMPLATES) {
      try (Stream<Path> files = Files.list(directory)) {
        files.filter(path -> path.toString().endsWith(".html")).sorted().forEach(templates::add);
      }
    }
    return templates;
  }
}
