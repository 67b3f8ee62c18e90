package io.pilotlaunch.signoff;

import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * Values that people typed, made inert before the exports, summaries and forms render them: a value
 * stays one line of text, cannot open a section, a link, an image or HTML, and only http(s)
 * addresses become links. CommonMark's own parser and Markdown renderer do the reading and the
 * escaping; this class only says what is allowed.
 */
public final class MarkdownText {

  private static final Pattern WEB_ADDRESS =
      Pattern.compile("https?://[^\\s<>\"'`\\\\]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

  /**
   * Block starts that commonmark-java 0.32's Markdown renderer leaves unescaped at the start of a
   * paragraph ("+ item", "~~~" fence, "===" underline): a backslash keeps them text.
   */
  private static final Pattern UNESCAPED_BLOCK_START = Pattern.compile("^[+~=]");

  /** Link targets a document may keep: web, mail, in-page and same-site addresses. */
  private static final Pattern SAFE_TARGET =
      Pattern.compile("(https?://|mailto:|#|/(?!/)).*", Pattern.CASE_INSENSITIVE);

  static final String UNSAFE_LINK_REMOVED = "#unsafe-link-removed";

  private static final Parser PARSER = Parser.builder().build();
  private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder().build();

  private MarkdownText() {}

  /** A value as one line of plain text inside a Markdown line. */
  public static String inline(Object value) {
    if (value == null) {
      return "";
    }
    String oneLine =
        CONTROL.matcher(LINE_BREAKS.matcher(value.toString()).replaceAll(" ")).replaceAll("");
    if (oneLine.isEmpty()) {
      return "";
    }
    Paragraph paragraph = new Paragraph();
    paragraph.appendChild(new Text(oneLine));
    Document document = new Document();
    document.appendChild(paragraph);
    String rendered = RENDERER.render(document).stripTrailing();
    return UNESCAPED_BLOCK_START.matcher(rendered).replaceFirst("\\\\$0");
  }

  /** An address as a link when it is a web address, else as plain text. */
  static String link(Object value) {
    if (value == null) {
      return "";
    }
    String address = value.toString().trim();
    // A web address holds no space, "<" or ">", so it is a complete autolink as it stands.
    return WEB_ADDRESS.matcher(address).matches() ? "<" + address + ">" : inline(address);
  }

  /**
   * A Markdown document a person wrote (the confirmed summary): its formatting stays, its HTML is
   * shown as text, and links other than web, mail and in-page ones lose their target.
   */
  static String document(String markdown) {
    if (markdown == null) {
      return "";
    }
    Node document = parse(markdown);
    document.accept(new Sanitizer(false));
    return RENDERER.render(document).stripTrailing();
  }

  /**
   * A document a person wrote, shown inside another one (the confirmed summary inside a sign-off
   * form): as {@link #document}, its headings moved below the host's ({@code #} becomes {@code
   * #####}) and its images shown as links, so it neither outranks the form nor loads anything.
   */
  static String embedded(String markdown) {
    if (markdown == null) {
      return "";
    }
    Node document = parse(markdown);
    document.accept(new Sanitizer(true));
    return RENDERER.render(document).stripTrailing();
  }

  private static Node parse(String markdown) {
    return PARSER.parse(CONTROL.matcher(markdown).replaceAll(""));
  }

  private static boolean isSafeTarget(String destination) {
    return SAFE_TARGET.matcher(destination.strip()).matches();
  }

  /**
   * Walks the parsed document: raw HTML becomes text, unsafe link targets are removed and, for an
   * embedded document, images become links and headings move four levels down.
   */
  private static final class Sanitizer extends AbstractVisitor {

    private final boolean embedded;

    Sanitizer(boolean embedded) {
      this.embedded = embedded;
    }

    @Override
    public void visit(HtmlInline html) {
      html.insertBefore(new Text(html.getLiteral()));
      html.unlink();
    }

    @Override
    public void visit(HtmlBlock html) {
      Paragraph text = new Paragraph();
      String[] lines = html.getLiteral().stripTrailing().split("\\R");
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          text.appendChild(new SoftLineBreak());
        }
        text.appendChild(new Text(lines[i]));
      }
      html.insertBefore(text);
      html.unlink();
    }

    @Override
    public void visit(Link link) {
      if (!isSafeTarget(link.getDestination())) {
        link.setDestination(UNSAFE_LINK_REMOVED);
      }
      visitChildren(link);
    }

    @Override
    public void visit(Image image) {
      String destination =
          isSafeTarget(image.getDestination()) ? image.getDestination() : UNSAFE_LINK_REMOVED;
      if (!embedded) {
        image.setDestination(destination);
        visitChildren(image);
        return;
      }
      Link link = new Link(destination, image.getTitle());
      for (Node child = image.getFirstChild(); child != null; ) {
        Node next = child.getNext();
        link.appendChild(child);
        child = next;
      }
      image.insertBefore(link);
      image.unlink();
      visitChildren(link);
    }

    @Override
    public void visit(Heading heading) {
      if (embedded) {
        heading.setLevel(Math.min(6, heading.getLevel() + 4));
      }
      visitChildren(heading);
    }
  }
}
