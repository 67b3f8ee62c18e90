package io.pilotlaunch.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and ChromeDriver (installed by .ci/run), never a downloaded browser: this
 * machine reaches no browser download site.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver driver;

  /** A request a page sent and the status of its answer, as Chromium's network log has them. */
  public record Exchange(String method, String url, String body, int status) {}

  public HeadlessChromium() {
    this(false);
  }

  /**
   * @param recordRequests keep Chromium's network log, for {@link #exchanges()}
   */
  public HeadlessChromium(boolean recordRequests) {
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
      // ClusterIT's proxy has a certificate made for the test
      options.setAcceptInsecureCerts(true);
      if (recordRequests) {
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
      }
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

  /**
   * The requests the pages sent since the last call, each with the status of its answer (0 if none
   * came yet); a redirect is an exchange of its own. Needs {@code recordRequests}.
   */
  public List<Exchange> exchanges() {
    List<Exchange> exchanges = new ArrayList<>();
    Map<String, Integer> current = new HashMap<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message;
      try {
        message = JSON.readTree(entry.getMessage()).path("message");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      JsonNode params = message.path("params");
      String requestId = params.path("requestId").asText();
      switch (message.path("method").asText()) {
        case "Network.requestWillBeSent" -> {
          if (params.has("redirectResponse") && current.containsKey(requestId)) {
            answer(exchanges, current.get(requestId), params.path("redirectResponse"));
          }
          JsonNode request = params.path("request");
          current.put(requestId, exchanges.size());
          exchanges.add(
              new Exchange(
                  request.path("method").asText(),
                  request.path("url").asText(),
                  request.has("postData") ? request.path("postData").asText() : null,
                  0));
        }
        case "Network.responseReceived" -> {
          if (current.containsKey(requestId)) {
            answer(exchanges, current.get(requestId), params.path("response"));
          }
        }
        default -> {}
      }
    }
    return exchanges;
  }

  private static void answer(List<Exchange> exchanges, int index, JsonNode response) {
    Exchange request = exchanges.get(index);
    exchanges.set(
        index,
        new Exchange(
            request.method(), request.url(), request.body(), response.path("status").asInt()));
  }

  /** Sets the size of the browser's window, as a phone or a desk would have it. */
  public void windowSize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
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
    // A url that differs from the open page only after '#' does not load the page again: the old
    // page's next requests, now without a session, raced the typing into its own login form.
    driver.get("about:blank");
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
    for (int attempt = 1; ; attempt++) {
      org.openqa.selenium.WebElement target;
      try {
        target = waiting().until(ExpectedConditions.elementToBeClickable(element));
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError(
            "The page never showed " + element + " to click. It showed:\n" + pageText(), e);
      }
      try {
        target.click();
        return;
      } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
        driver.executeScript("arguments[0].click();", target);
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        // the page drew the element anew between finding and clicking it: find it again
        if (attempt == 3) {
          throw redrawn;
        }
      }
    }
  }

  /** Types as a user would, into the element once the page lets them (Cockpit draws late). */
  public void type(By element, String text) {
    waiting()
        .ignoring(org.openqa.selenium.ElementNotInteractableException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            page -> {
              page.findElement(element).sendKeys(text);
              return true;
            });
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

  /** Waits until the page shows this element, and fails with the page's text if it never does. */
  public void waitFor(By element) {
    try {
      waiting().until(ExpectedConditions.visibilityOfElementLocated(element));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "The page never showed " + element + ". It showed:\n" + pageText(), e);
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
