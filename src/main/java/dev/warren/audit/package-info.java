/**
 * Who did what, when, with which result: every inventory change, login, failed login and
 * remote command. Records are written in the same transaction as the change they
 * describe.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package dev.warren.audit;
