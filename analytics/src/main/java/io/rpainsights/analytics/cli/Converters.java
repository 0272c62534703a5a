package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.store.Durations;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeSpec;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters that turn our parsers' errors into one-line parameter errors (exit 2). */
final class Converters {
  private Converters() {}

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class TimeSpecConverter implements ITypeConverter<TimeSpec> {
    @Override
    public TimeSpec convert(String value) {
      try {
        return TimeSpec.parse(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class GroupByConverter implements ITypeConverter<GroupBy> {
    @Override
    public GroupBy convert(String value) {
      try {
        return GroupBy.parse(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
