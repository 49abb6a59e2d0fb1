package daphnegrid.cli;

import picocli.CommandLine.IVersionProvider;

/** The version banner; its first line is DAPHNE's, for tools that check it. */
final class Version implements IVersionProvider {
  static final String PRODUCT = "Daphne Grid 0.1.0";

  @Override
  public String[] getVersion() {
    return new String[] {
      "DAPHNE Version 0.3",
      PRODUCT + " (Java " + System.getProperty("java.version") + ", Hazelcast 5.7.0)"
    };
  }
}
