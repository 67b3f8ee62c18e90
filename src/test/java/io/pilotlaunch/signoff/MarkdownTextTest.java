package io.pilotlaunch.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

class MarkdownTextTest {

  private static final Parser PARSER = Parser.builder().build();

  @Test
  void aValueStaysOneLineOfText() {
    assertThat(
            MarkdownText.inline(
                "fine\n## Heading\r\n- [x] box\u2028<b>bold</b> & *em* `code` | a_b"))
        .isEqualTo(
            "fine ## Heading - \\[x\\] box \\<b\\>bold\\</b\\> \\& \\*em\\* \\`code\\` | a\\_b");
  }

  /** Read back as Markdown, a value is the one paragraph of text it was, wherever it stands. */
  @Test
  void aValueReadsBackAsItsOwnTextAtTheStartOfALineAndInAListItem() {
    List<String> hostile =
        List.of(
            "# Fake section",
            "- [x] forged box",
            "+ forged item",
            "1. forged step",
            "> quote",
            "~~~",
            "```",
            "===",
            "---",
            "    code",
            "<img src=x onerror=alert(1)>",
            "<!-- hidden -->",
            "[link](javascript:alert(1))",
            "![pixel](https://track.example.test/p.png)",
            "[ref]: javascript:alert(1)",
            "&lt;entity&gt; &#60;",
            "trailing backslash \\",
            "*em* _em_ **strong** `code` ~~strike~~");

    for (String value : hostile) {
      assertThat(textOfTheOneParagraph(MarkdownText.inline(value))).as(value).isEqualTo(value);
      assertThat(textOfTheOneParagraph("Comment: " + MarkdownText.inline(value)))
          .as(value)
          .isEqualTo("Comment: " + value);
    }
  }

  @Test
  void onlyWebAddressesBecomeLinks() {
    assertThat(MarkdownText.link("https://git.example.test/acme/app/pull/7"))
        .isEqualTo("<https://git.example.test/acme/app/pull/7>");
    assertThat(MarkdownText.link("javascript:alert(1)")).isEqualTo("javascript:alert(1)");
    assertThat(MarkdownText.link("https://x.test/a>b")).isEqualTo("https://x.test/a\\>b");
    assertThat(MarkdownText.link(" data:text/html,<script>"))
        .isEqualTo("data:text/html,\\<script\\>");
  }

  @Test
  void aDocumentKeepsItsFormattingAndLosesHtmlAndScriptLinks() {
    String document =
        MarkdownText.document(
            "# Title\n\n[ok](https://a.test) [mail](mailto:x@a.test) [in page](#risks) "
                + "[bad](javascript:alert(1)) [worse](<javascript:alert(2)>)\n\n[ref]: vbscript:x\n"
                + "[by reference][ref]\n\n<iframe src=x>\n\n- *em* and **strong**\n- `code`");

    assertThat(document)
        .contains(
            "# Title",
            "[ok](https://a.test)",
            "[mail](mailto:x@a.test)",
            "[in page](#risks)",
            "[bad](#unsafe-link-removed)",
            "[worse](#unsafe-link-removed)",
            "[by reference](#unsafe-link-removed)",
            "\\<iframe src=x\\>",
            "- *em* and **strong**\n- `code`")
        .doesNotContain("javascript:", "vbscript:")
        .doesNotContainPattern("(?<!\\\\)<iframe");
  }

  @Test
  void aDocumentInsideAFormHasItsHeadingsBelowTheFormsAndItsImagesAsLinks() {
    String embedded =
        MarkdownText.embedded(
            "# Pilot summary\n\n## Results\n   ### Risks\n#### Deep\n#not a heading\n"
                + "![chart](https://x.test/c.png) ![x](javascript:alert(1)) <img src=y>");

    assertThat(embedded)
        .startsWith("##### Pilot summary\n\n###### Results\n\n###### Risks\n\n###### Deep\n")
        .contains(
            "\\#not a heading",
            "[chart](https://x.test/c.png)",
            "[x](#unsafe-link-removed)",
            "\\<img src=y\\>")
        .doesNotContain("![", "javascript:")
        .doesNotContainPattern("(?<!\\\\)<img");
  }

  private static String textOfTheOneParagraph(String markdown) {
    Node document = PARSER.parse(markdown);
    Node paragraph = document.getFirstChild();
    assertThat(paragraph).as(markdown).isInstanceOf(Paragraph.class);
    assertThat(paragraph.getNext()).as(markdown).isNull();
    StringBuilder text = new StringBuilder();
    for (Node child = paragraph.getFirstChild(); child != null; child = child.getNext()) {
      assertThat(child).as(markdown).isInstanceOf(Text.class);
      text.append(((Text) child).getLiteral());
    }
    return text.toString();
  }
}
