package io.pilotlaunch.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The app as deployed, seen through a real headless Chromium: one browser per test class (a class's
 * tests share its cookies, the next class starts logged out), with its network log kept.
 */
public abstract class BrowserIntegrationTest extends PostgresIntegrationTest {

  protected static HeadlessChromium browser;

  @BeforeAll
  static void openBrowser() {
    browser = new HeadlessChromium(true);
  }

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }
}
