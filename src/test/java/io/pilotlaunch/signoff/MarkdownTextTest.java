package io.pilotlaunch.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {

  @Test
  void aValueStaysOneLineOfText() {
    assertThat(
            MarkdownText.inline(
                "fine\n## Heading\r\n- [x] box\u2028<b>bold</b> & *em* `code` | a_b"))
        .isEqualTo(
            "fine \\#\\# Heading - \\[x\\] box &lt;b&gt;bold&lt;/b&gt; &amp; \\*em\\* \\`code\\` \\| a\\_b");
  }

  @Test
  void onlyWebAddressesBecomeLinks() {
    assertThat(MarkdownText.link("https://git.example.test/acme/app/pull/7"))
        .isEqualTo("<https://git.example.test/acme/app/pull/7>");
    assertThat(MarkdownText.link("javascript:alert(1)")).isEqualTo("javascript:alert(1)");
    assertThat(MarkdownText.link("https://x.test/a>b")).isEqualTo("https://x.test/a&gt;b");
    assertThat(MarkdownText.link(" data:text/html,<script>"))
        .isEqualTo("data:text/html,&lt;script&gt;");
  }

  @Test
  void aDocumentKeepsItsFormattingAndLosesHtmlAndScriptLinks() {
    String document =
        MarkdownText.document(
            "# Title\n\n[ok](https://a.test) [mail](mailto:x@a.test) [in page](#risks) "
                + "[bad](javascript:alert(1)) [worse](<javascript:alert(2)>)\n[ref]: vbscript:x\n<iframe src=x>");

    assertThat(document)
        .contains(
            "# Title",
            "[ok](https://a.test)",
            "[mail](mailto:x@a.test)",
            "[in page](#risks)",
            "[bad](#unsafe-link-removed",
            "&lt;iframe src=x&gt;")
        .doesNotContain("javascript:", "vbscript:", "<iframe");
  }

  @Test
  void aDocumentInsideAFormHasItsHeadingsBelowTheFormsAndItsImagesAsLinks() {
    String embedded =
        MarkdownText.embedded(
            "# Pilot summary\n\n## Results\n   ### Risks\n#### Deep\n#not a heading\n"
                + "![chart](https://x.test/c.png) ![x](javascript:alert(1)) <img src=y>");

    assertThat(embedded)
        .startsWith("##### Pilot summary\n\n###### Results\n   ###### Risks\n###### Deep\n")
        .contains(
            "#not a heading",
            "[chart](https://x.test/c.png)",
            "[x](#unsafe-link-removed",
            "&lt;img src=y&gt;")
        .doesNotContain("![", "javascript:", "<img");
  }
}
