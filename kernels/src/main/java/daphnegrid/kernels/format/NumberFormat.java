package daphnegrid.kernels.format;

import daphnegrid.kernels.Convert;
import daphnegrid.kernels.Scalar;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Interim number formatting (printf %.6g and %f); replaced by the fast exact formatter. */
public final class NumberFormat {
  private NumberFormat() {}

  public static String general6(double v) {
    if (Double.isNaN(v)) {
      return Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
    }
    BigDecimal r = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
    int exp = r.precision() - r.scale() - 1;
    if (exp >= -4 && exp < 6) {
      String s = r.setScale(Math.max(0, 5 - exp), RoundingMode.HALF_EVEN).toPlainString();
      if (s.contains(".")) {
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return s;
    }
    BigDecimal mant = r.movePointLeft(exp);
    String m = mant.setScale(5, RoundingMode.HALF_EVEN).toPlainString();
    m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
    String e = String.format("%02d", Math.abs(exp));
    return m + "e" + (exp < 0 ? "-" : "+") + e;
  }

  public static String fixed6(double v) {
    return Convert.fixed6(v);
  }

  public static String scalar(Scalar s) {
    return switch (s.type()) {
      case F64, F32 -> general6(s.doubleValue());
      case STR -> s.stringValue();
      default -> s.toDisplayString();
    };
  }
}
