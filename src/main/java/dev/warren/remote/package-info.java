/**
 * Running commands over SSH and copying files over SFTP: the only module that touches
 * JSch. Commands are argument lists rendered for the target's shell
 * ({@link dev.warren.remote.ShellDialect}) at the last moment; host keys are checked
 * against the ones an administrator trusted.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Remote")
package dev.warren.remote;
