package io.rpainsights.analytics.engine.stat;

import java.util.Arrays;

/** A growable list of primitive doubles: durations are collected by the hundred thousand. */
public final class DoubleList {
  private double[] values;
  private int size;

  public DoubleList() {
    this(16);
  }

  public DoubleList(int capacity) {
    values = new double[Math.max(4, capacity)];
  }

  public void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = value;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public double get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return values[index];
  }

  /** A copy of the values, in insertion order. */
  public double[] toArray() {
    return Arrays.copyOf(values, size);
  }

  /** A sorted copy of the values. */
  public double[] sorted() {
    double[] copy = toArray();
    Arrays.sort(copy);
    return copy;
  }
}
