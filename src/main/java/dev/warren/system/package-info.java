/**
 * What every page stands on: the layout, security (logins, roles, throttling, headers),
 * users, first-run setup and error answers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System")
package dev.warren.system;
