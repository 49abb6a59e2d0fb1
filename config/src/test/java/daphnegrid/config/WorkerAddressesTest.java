package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerAddressesTest {
  @Test
  void parsesTheDaphneForm() {
    assertEquals(
        List.of(new WorkerAddress("localhost", 5000), new WorkerAddress("localhost", 5001)),
        WorkerAddresses.parse("localhost:5000,localhost:5001"));
  }

  @Test
  void toleratesWhitespaceAndEmptyEntries() {
    assertEquals(
        List.of(new WorkerAddress("10.0.0.1", 5701), new WorkerAddress("node-2.lab", 5702)),
        WorkerAddresses.parse("  10.0.0.1 : 5701 ,\n node-2.lab:5702 ,"));
  }

  @Test
  void parsesBracketedIpv6() {
    WorkerAddress a = WorkerAddresses.parse("[::1]:5701").get(0);
    assertEquals(new WorkerAddress("::1", 5701), a);
    assertEquals("[::1]:5701", a.toString());
  }

  @Test
  void formatsBackToTheEnvironmentForm() {
    String text = "127.0.0.1:5701,127.0.0.1:5702";
    assertEquals(text, WorkerAddresses.format(WorkerAddresses.parse(text)));
  }

  @Test
  void readsTheEnvironment() {
    assertEquals(
        List.of(new WorkerAddress("h", 1)),
        WorkerAddresses.fromEnvironment(Map.of(WorkerAddresses.ENV, "h:1")));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", " , ,"})
  void emptyListKeepsDaphnesMessage(String text) {
    GridConfigException e =
        assertThrows(GridConfigException.class, () -> WorkerAddresses.parse(text));
    assertEquals(
        "--distributed execution is set but EV DISTRIBUTED_WORKERS is empty: export"
            + " DISTRIBUTED_WORKERS=host:port,host:port,... naming the running workers",
        e.getMessage());
  }

  @Test
  void missingEnvironmentVariableIsTheEmptyError() {
    GridConfigException e =
        assertThrows(GridConfigException.class, () -> WorkerAddresses.fromEnvironment(Map.of()));
    assertEquals(true, e.getMessage().contains("DISTRIBUTED_WORKERS is empty"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a:1,localhost    | DISTRIBUTED_WORKERS entry 2 'localhost' is malformed: no port",
        "a:1,b:x7         | DISTRIBUTED_WORKERS entry 2 'b:x7' is malformed: the port 'x7' is not a number",
        "a:70000          | DISTRIBUTED_WORKERS entry 1 'a:70000' is malformed: the port 70000 is outside 1..65535",
        "a:0              | DISTRIBUTED_WORKERS entry 1 'a:0' is malformed: the port 0 is outside 1..65535",
        "a:99999999999    | DISTRIBUTED_WORKERS entry 1 'a:99999999999' is malformed: the port 99999999999 is outside",
        ":5701            | DISTRIBUTED_WORKERS entry 1 ':5701' is malformed: the host is missing",
        "a:               | DISTRIBUTED_WORKERS entry 1 'a:' is malformed: the port is missing",
        "my host:5701     | DISTRIBUTED_WORKERS entry 1 'my host:5701' is malformed: the host 'my host' is not",
        "::1:5701         | DISTRIBUTED_WORKERS entry 1 '::1:5701' is malformed: an IPv6 address must be written in brackets",
        "[zz]:5701        | DISTRIBUTED_WORKERS entry 1 '[zz]:5701' is malformed: 'zz' is not an IPv6 address",
        "a:1, a:1         | DISTRIBUTED_WORKERS entry 2 'a:1' lists worker a:1 a second time",
        "a:-1             | DISTRIBUTED_WORKERS entry 1 'a:-1' is malformed: the port '-1' is not a number",
      })
  void namesTheBadEntry(String text, String messageStart) {
    GridConfigException e =
        assertThrows(GridConfigException.class, () -> WorkerAddresses.parse(text));
    assertEquals(
        true, e.getMessage().startsWith(messageStart), () -> "message was: " + e.getMessage());
  }

  @Test
  void otherSourcesAreNamedInErrors() {
    GridConfigException e =
        assertThrows(GridConfigException.class, () -> WorkerAddresses.parse("x", "--peers"));
    assertEquals(true, e.getMessage().startsWith("--peers entry 1 'x' is malformed"));
    GridConfigException empty =
        assertThrows(GridConfigException.class, () -> WorkerAddresses.parse(" ", "--peers"));
    assertEquals("--peers is empty: expected host:port,host:port,...", empty.getMessage());
  }

  @Test
  void singleAddressErrorsUseTheGivenName() {
    GridConfigException e =
        assertThrows(
            GridConfigException.class, () -> WorkerAddress.parse("127.0.0.1", "worker address"));
    assertEquals(
        "worker address '127.0.0.1' is malformed: no port (expected host:port, e.g."
            + " 127.0.0.1:5701)",
        e.getMessage());
  }

  @Test
  void resolvesLocalhostToAnIp() {
    assertEquals("127.0.0.1", new WorkerAddress("127.0.0.1", 1).resolveIp());
    GridConfigException e =
        assertThrows(
            GridConfigException.class,
            () -> new WorkerAddress("no-such-host.invalid", 1).resolveIp());
    assertEquals("cannot resolve the host of no-such-host.invalid:1: unknown host", e.getMessage());
  }
}
