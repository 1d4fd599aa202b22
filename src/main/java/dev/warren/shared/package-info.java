/**
 * Small vocabulary every module shares: inventory-safe value checks, the errors that map
 * to 404 and 409 answers, and who is acting.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.warren.shared;

import org.springframework.modulith.ApplicationModule;
