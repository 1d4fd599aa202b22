package dev.warren.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * What a person does on Warren's pages, in their words.
 */
final class ConsolePages {

	private final Browser browser;

	ConsolePages(Browser browser) {
		this.browser = browser;
	}

	void logIn(String username, String password) {
		this.browser.go("/login");
		this.browser.type("username", username);
		this.browser.type("password", password);
		this.browser.click(By.cssSelector("main button[type=submit]"));
	}

	void logOut() {
		this.browser.click(By.cssSelector("nav .dropdown-toggle"));
		this.browser.click(By.xpath("//button[contains(., 'Log out')]"));
		this.browser.find(By.cssSelector("form[action$='/login']"));
	}

	void completeSetup(String token, String username, String password) {
		this.browser.type("token", token);
		this.browser.type("username", username);
		this.browser.type("password", password);
		this.browser.type("confirmPassword", password);
		this.browser.click(By.cssSelector("main button[type=submit]"));
	}

	void fillServer(String name, String host, String user, String password, String nodeName) {
		this.browser.type("name", name);
		this.browser.type("host", host);
		this.browser.type("sshUser", user);
		this.browser.click(By.id("auth-password"));
		this.browser.type("password", password);
		this.browser.type("nodeName", nodeName);
	}

	void save() {
		this.browser.click(By.cssSelector("[data-testid=save]"));
	}

	String fieldError(String field) {
		return this.browser.find(By.id(field + "-error")).getText();
	}

	void addUser(String username, String password, String role) {
		this.browser.go("/users/new");
		this.browser.type("username", username);
		this.browser.type("password", password);
		new Select(this.browser.find(By.id("role"))).selectByValue(role);
		this.browser.click(By.cssSelector("main button[type=submit]"));
	}

}
