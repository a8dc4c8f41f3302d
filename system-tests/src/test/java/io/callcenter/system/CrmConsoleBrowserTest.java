package io.callcenter.system;

import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CRM console served by the gateway, in real headless Chromium against the whole system: a VoiceBot call pops up
 * with the customer's name, Answer hides the popup and the log shows the answer; a customer name carrying HTML is
 * shown as text; the wallboard counts a real call (call-stats runs too). Screenshots land in
 * system-tests/target/screenshots/.
 */
@RealInfrastructure
class CrmConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static RunningSystem system;
    private static final String SECRET = "browser-test-secret-0123456789-abcdefghijkl";
    private static RunningSystem.Gateway gateway;
    /** The same system behind a second gateway with authentication on. */
    private static RunningSystem.Gateway securedGateway;
    private static IngestClient ingest;
    private final List<String> startedCalls = new ArrayList<>();
    private WebDriver browser;

    @BeforeAll
    static void startSystem() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian chromium and chromium-driver are needed (.ci/run installs them)");
        // this test is about what the console shows, not the lookup deadline: on a loaded CI machine a lookup can
        // exceed the production 300 ms and the call would (correctly) ring without its customer
        system = new RunningSystem(Map.of("CALLCENTER_INGEST_RING_TIMEOUT", "10m",
                "CALLCENTER_INGEST_LOOKUP_TIMEOUT", "3s"), Map.of());
        gateway = system.startGateway("gateway-browser");
        securedGateway = system.startGateway("gateway-browser-auth", Map.of(
                "CALLCENTER_GATEWAY_AUTH_ENABLED", "true", "CALLCENTER_GATEWAY_AUTH_JWT_SECRET", SECRET));
        ingest = new IngestClient(system.ingestUrl(), null);
        ServiceProcess stats = system.startCallStats();
        gateway.process().awaitHealthy();
        stats.awaitHealthy();
        securedGateway.process().awaitHealthy();
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void openConsole() throws Exception {
        openConsoleAt(gateway.url().resolve("/").toString());
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("connectionStatus"), "Connected"));
    }

    private void openConsoleAt(String address) throws Exception {
        if (browser != null) {
            browser.quit();
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.get(address);
    }

    @AfterEach
    void closeBrowserAndEndCalls() {
        if (browser != null) {
            browser.quit();
        }
        // a call left ringing would be replayed to the next test's console on join and hold its popup
        startedCalls.forEach(callId -> ingest.endCall(callId, "test_cleanup").join());
    }

    private void startCall(String callId, String callerNumber) {
        startedCalls.add(callId);
        assertThat(ingest.startCall(callId, callerNumber, "1900").join().status())
                .isEqualTo(202);
    }

    @Test
    void aSimulatedCallPopsUpWithTheCustomerAndAnswerHidesItAndIsLogged() throws Exception {
        String callId = "BROWSER_" + System.nanoTime();
        startCall(callId, "0912345678");

        WebElement popup = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("incomingCallModal")));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("callId"), callId));
        assertThat(popup.getText()).contains("Nguyễn Văn A").contains("0912345678");
        screenshot("console-incoming-call");

        browser.findElement(By.id("answerButton")).click();
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id("incomingCallModal")));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("logContainer"), "answered"));
        assertThat(browser.findElement(By.id("logContainer")).getText()).contains(callId);
        screenshot("console-answered");
    }

    /** The whole path: call-ingest's events → call-stats → the gateway → the console's wallboard. */
    @Test
    void theWallboardCountsARealCall() throws Exception {
        waitFor().until(ExpectedConditions.attributeToBe(By.id("wallboard"), "data-state", "live"));
        int before = Integer.parseInt(tile("offered"));

        String callId = "BROWSER_STATS_" + System.nanoTime();
        startCall(callId, "0912345678");

        waitFor().until(d -> Integer.parseInt(tile("offered")) > before);
        waitFor().until(d -> Integer.parseInt(tile("ringing")) >= 1);
        // read in one script: every push re-renders the chart, so elements found before it would be stale
        @SuppressWarnings("unchecked")
        List<Long> offeredPerMinute = (List<Long>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('[data-testid=chart-minute]'))"
                        + ".map(m => Number(m.getAttribute('data-offered')));");
        assertThat(offeredPerMinute).hasSize(15);
        assertThat(offeredPerMinute.stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(1);
        screenshot("console-wallboard");
    }

    private String tile(String stat) {
        return browser.findElement(By.cssSelector("[data-testid=stat-tile][data-stat=" + stat + "] .tile-value"))
                .getText();
    }

    @Test
    void htmlInACustomerNameIsShownAsTextAndNeverRuns() throws Exception {
        String phone = "0399" + String.format("%06d", System.nanoTime() % 1_000_000);
        String hostileName = "<img src=x onerror=\"window.__xss=1\">Mallory";
        String body = "{\"fullName\": \"" + hostileName.replace("\"", "\\\"") + "\", \"phoneNumber\": \"" + phone
                + "\", \"email\": \"m@example.org\", \"cif\": \"CIFXSS" + System.nanoTime() + "\"}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        system.customerServiceUrl().resolve("/api/customers")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String callId = "BROWSER_XSS_" + System.nanoTime();
        startCall(callId, phone);
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("callId"), callId));
        WebElement popup = browser.findElement(By.id("incomingCallModal"));
        waitFor().until(d -> popup.getText().contains("Mallory"));

        assertThat(popup.getText()).contains(hostileName);
        assertThat(popup.findElements(By.tagName("img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
        screenshot("console-escaped-name");
    }

    @Test
    void withAuthOnTheConsoleWorksWithTheTokenFromItsAddressAndNotWithout() throws Exception {
        openConsoleAt(securedGateway.url().resolve("/").toString());
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("logContainer"), "requires a token"));
        assertThat(browser.findElement(By.id("connectionStatus")).getText()).doesNotContain("Connected");
        screenshot("console-auth-no-token");

        openConsoleAt(securedGateway.url().resolve("/?token=" + crmSystemToken()).toString());
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("connectionStatus"), "Connected"));
        String callId = "BROWSER_AUTH_" + System.nanoTime();
        startCall(callId, "0912345678");
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("callId"), callId));
        browser.findElement(By.id("answerButton")).click();
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id("incomingCallModal")));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("logContainer"), "answered"));
        screenshot("console-auth-answered");
    }

    private static String crmSystemToken() throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("crm_browser").claim("role", "crm_system")
                        .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(600))).build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
