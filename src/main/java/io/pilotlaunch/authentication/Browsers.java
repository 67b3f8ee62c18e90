package io.pilotlaunch.authentication;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Tells a person's browser from a script: browsers name HTML in what they accept, scripts don't.
 */
public final class Browsers {

  private Browsers() {}

  /** Whether the request names {@code text/html} itself among what it accepts ({@code *}/* not). */
  public static boolean askForHtml(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    if (accept == null) {
      return false;
    }
    try {
      return MediaType.parseMediaTypes(accept).stream()
          .anyMatch(
              type -> type.getQualityValue() > 0 && type.equalsTypeAndSubtype(MediaType.TEXT_HTML));
    } catch (InvalidMediaTypeException notAMediaType) {
      return false;
    }
  }
}
