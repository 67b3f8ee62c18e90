package io.pilotlaunch.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and ChromeDriver (installed by .ci/run), never a downloaded browser: this
 * machine reaches no browser download site.
 */
public final class HeadlessChromium implements AutoCloseable {

  private final ChromeDriver driver;

  public HeadlessChromium() {
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1400,1000",
          "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File("/usr/bin/chromedriver"))
              .usingAnyFreePort()
              .build();
      driver = new ChromeDriver(service, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves what the browser shows as target/e2e/{name}.png, for a person to look at. */
  public void screenshot(String name) {
    try {
      java.nio.file.Path file = java.nio.file.Path.of("target", "e2e", name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a webapp and logs in through its own login form. */
  public void logIn(String url, String userId, String password) {
    driver.manage().deleteAllCookies();
    driver.get(url);
    WebDriverWait wait = waiting();
    wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[placeholder='Username']")))
        .sendKeys(userId);
    driver.findElement(By.cssSelector("input[placeholder='Password']")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type='submit']")).click();
  }

  /**
   * Clicks as a user would; where Tasklist's footer or a notification lies over the element, clicks
   * it through the page's script, as the user would once the notification is gone.
   */
  public void click(By element) {
    org.openqa.selenium.WebElement target =
        waiting().until(ExpectedConditions.elementToBeClickable(element));
    try {
      target.click();
    } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
      driver.executeScript("arguments[0].click();", target);
    }
  }

  public void type(By element, String text) {
    waiting().until(ExpectedConditions.elementToBeClickable(element)).sendKeys(text);
  }

  /** Date and time pickers take their value on Enter. */
  public void typeAndEnter(By element, String text) {
    type(element, text + org.openqa.selenium.Keys.ENTER);
  }

  /** Waits until the page shows this text, and fails with the page's text if it never does. */
  public void waitForText(String text) {
    try {
      waiting().until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "The page never showed '"
              + text
              + "'. It showed:\n"
              + driver.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  public String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
