package daphnegrid.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One worker's {@code host:port}: a host name, an IPv4 address or a bracketed IPv6 address ({@code
 * [::1]:5701}), and a TCP port in 1..65535. {@link #toString()} gives the text back in the form
 * Hazelcast's member and client address lists take.
 */
public record WorkerAddress(String host, int port) {
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

  public WorkerAddress {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses {@code host:port} (surrounding whitespace ignored).
   *
   * @param what how the text is introduced in an error, e.g. {@code "worker address"}
   * @throws GridConfigException naming {@code what} and the text, if it is malformed
   */
  public static WorkerAddress parse(String text, String what) {
    String s = text.strip();
    int colon = s.lastIndexOf(':');
    if (colon < 0 || (s.startsWith("[") && colon < s.indexOf(']'))) {
      throw bad(what, s, "no port (expected host:port, e.g. 127.0.0.1:5701)");
    }
    String host = s.substring(0, colon).strip();
    String portText = s.substring(colon + 1).strip();
    if (host.isEmpty()) {
      throw bad(what, s, "the host is missing (expected host:port)");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
      if (!IPV6.matcher(host).matches() || !host.contains(":")) {
        throw bad(what, s, "'" + host + "' is not an IPv6 address");
      }
    } else if (host.contains(":")) {
      throw bad(what, s, "an IPv6 address must be written in brackets, e.g. [::1]:5701");
    } else if (!HOST_NAME.matcher(host).matches()) {
      throw bad(what, s, "the host '" + host + "' is not a host name or IP address");
    }
    if (portText.isEmpty()) {
      throw bad(what, s, "the port is missing (expected host:port)");
    }
    if (!portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(what, s, "the port '" + portText + "' is not a number");
    }
    int port = portText.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(portText);
    if (port < 1 || port > 65535) {
      throw bad(what, s, "the port " + portText + " is outside 1..65535");
    }
    return new WorkerAddress(host, port);
  }

  private static GridConfigException bad(String what, String text, String reason) {
    return new GridConfigException(what + " '" + text + "' is malformed: " + reason);
  }

  /**
   * The IP address the host resolves to, as Hazelcast's interface list wants it.
   *
   * @throws GridConfigException if the host name does not resolve
   */
  public String resolveIp() {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new GridConfigException("cannot resolve the host of " + this + ": unknown host", e);
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
