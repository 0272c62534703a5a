package io.rpainsights.itapp;

/** An interface whose implementations a `+` rule instruments, including ones loaded later. */
public interface Action {
  String perform(String input);
}
