package io.pilotlaunch.pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * What the page templates take from code: their one style, allowed by its hash, and the milestone
 * document rendered from Markdown with its raw HTML escaped and only web links kept.
 */
final class Html {

  /** The document's own anchors ({@code <a id="m6-phase-1"></a>}): headings serve instead. */
  private static final Pattern ANCHOR_LINE = Pattern.compile("(?m)^<a id=\"[^\"]*\"></a>\\s*$");

  private static final Parser MARKDOWN = Parser.builder().build();

  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .escapeHtml(true)
          .sanitizeUrls(true)
          .attributeProviderFactory(context -> new WebLinksOnly())
          .build();

  /**
   * The pages' only style, inline and allowed by its hash ({@link #STYLE_SOURCE}); no script at
   * all. Below 40rem (a phone) the pilots table becomes one block per pilot, each cell labelled.
   */
  static final String STYLE =
      """
      body{font-family:system-ui,sans-serif;max-width:72rem;margin:1.5rem auto;padding:0 1rem;
      line-height:1.45;color:#1d1d1f;overflow-wrap:anywhere}
      table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.35rem;
      text-align:left;vertical-align:top}th{background:#f4f4f6}
      nav a{margin-right:1rem;display:inline-block}.overdue{color:#b00020;font-weight:600}
      .muted{color:#666}li{margin:.15rem 0}code{background:#f4f4f6;padding:0 .2rem}
      pre{white-space:pre-wrap}header{display:flex;flex-wrap:wrap;justify-content:space-between;
      gap:.5rem;align-items:center;border-bottom:1px solid #ddd;padding-bottom:.5rem}
      header form{display:inline;margin:0}
      @media (max-width:40rem){body{margin:.75rem auto;padding:0 .6rem}
      .cards thead{display:none}.cards,.cards tbody,.cards tr,.cards td{display:block}
      .cards tr{border-bottom:2px solid #bbb;padding:.4rem 0}.cards td{border:0;padding:.15rem 0}
      .cards td::before{content:attr(data-label) ": ";font-weight:600}}
      """;

  /** The Content-Security-Policy source that allows {@link #STYLE} and nothing else inline. */
  static final String STYLE_SOURCE = "'sha256-" + sha256(STYLE) + "'";

  private Html() {}

  /** The milestone document as HTML: its raw HTML escaped, only web links kept. */
  static String markdown(String markdown) {
    return RENDERER.render(MARKDOWN.parse(ANCHOR_LINE.matcher(markdown).replaceAll("")));
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  /**
   * A link to another file of the milestone repository (./m5-….md) leads nowhere here: it stays as
   * text.
   */
  private static final class WebLinksOnly implements AttributeProvider {
    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
      if (node instanceof Link link && !isWebAddress(link.getDestination())) {
        attributes.remove("href");
      }
    }

    private static boolean isWebAddress(String destination) {
      return List.of("https://", "http://", "/").stream().anyMatch(destination::startsWith)
          && !destination.startsWith("//");
    }
  }
}
