package io.rpainsights.agent.config;

/**
 * A problem that disables the agent, carried from deep in the loader to {@link ConfigLoader#load}
 * (which turns it into {@link ConfigLoader.Result#fatal()}); never leaves this package.
 */
final class ConfigFailure extends RuntimeException {

  ConfigFailure(String message) {
    // No stack trace: this is a user error reported as one line, and premain should stay cheap.
    super(message, null, false, false);
  }
}
