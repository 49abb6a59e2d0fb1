package daphnegrid.cli;

/** Entry point of {@code bin/daphne}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("Hello World!");
    System.err.println("err line");
  }
}
