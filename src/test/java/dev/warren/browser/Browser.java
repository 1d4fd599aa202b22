package dev.warren.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.warren.support.Lab;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, driven by its ChromeDriver. Installed by
 * {@code lab/install}.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target/screenshots");

	private final ChromeDriver driver;

	private final String baseUrl;

	private Browser(ChromeDriver driver, String baseUrl) {
		this.driver = driver;
		this.baseUrl = baseUrl;
	}

	static Browser open(int port) throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && Lab.isRequired()) {
			throw new IllegalStateException(
					"WARREN_LAB_REQUIRED=true but Chromium or ChromeDriver is missing; run lab/install");
		}
		assumeTrue(installed, "Chromium and ChromeDriver are not installed; run lab/install");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1366,900", "--force-prefers-reduced-motion",
				"--user-data-dir=" + Files.createTempDirectory("warren-chromium").toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(driver, "http://localhost:" + port);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	void go(String path) {
		this.driver.get(this.baseUrl + path);
	}

	String path() {
		return this.driver.getCurrentUrl().substring(this.baseUrl.length());
	}

	WebElement find(By by) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	boolean present(By by) {
		return !this.driver.findElements(by).isEmpty();
	}

	void type(String id, String text) {
		WebElement field = find(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	void click(By by) {
		WebElement element = new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.elementToBeClickable(by));
		this.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
		element.click();
	}

	String text() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	/**
	 * A full-page PNG in target/screenshots, for people to look at and for the README.
	 */
	void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		long height = (Long) this.driver
			.executeScript("return document.documentElement.scrollHeight + (window.outerHeight - window.innerHeight)");
		this.driver.manage().window().setSize(new Dimension(1366, (int) Math.max(900, Math.min(height, 4000))));
		Files.write(SCREENSHOTS.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
		this.driver.manage().window().setSize(new Dimension(1366, 900));
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
