package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The f32 kernels are hand-kept twins of the f64 ones: the same methods, fields and constants with
 * float for double. This fails when a pair drifts apart, so that a path, loop or constant added to
 * one side is added to the other (or the difference is explained here). The f64 side is spelled as
 * f32 before comparing: double to float, Double to Float (so DoubleVector to FloatVector), F64 to
 * F32, f64 to f32; generic types are erased (VectorSpecies&lt;Double&gt; is VectorSpecies) and
 * compiler-generated members ignored. Methods are compared by name, parameter and return types.
 */
class TwinKernelsTest {

  /** Constants counting elements of a vector or an accumulator layout: f32 holds twice as many. */
  static final Set<String> LANE_COUNTS = Set.of("VL", "NR", "L");

  static Stream<Arguments> twins() {
    return Stream.of(
            "simd.F64Gemm simd.F32Gemm",
            "simd.F64Vector simd.F32Vector",
            "simd.F64VectorReduce simd.F32VectorReduce",
            "simd.F64CsrDense simd.F32CsrDense",
            "plain.F64Loops plain.F32Loops",
            "plain.F64Reduce plain.F32Reduce",
            "plain.F64MatMul plain.F32MatMul",
            "dnn.F64Conv dnn.F32Conv",
            "dnn.F64Pool dnn.F32Pool",
            "dnn.F64Norm dnn.F32Norm")
        .map(s -> s.split(" "))
        .map(p -> Arguments.of(p[0], p[1]));
  }

  static Class<?> load(String name) {
    try {
      return Class.forName("daphnegrid.kernels." + name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no twin " + name, e);
    }
  }

  /** An f64 signature or type name as its f32 twin spells it. */
  static String toF32(String s) {
    return s.replaceAll("\\bdouble\\b", "float")
        .replace("Double", "Float")
        .replace("F64", "F32")
        .replace("f64", "f32");
  }

  /** name(parameter types): return type, for every declared method the source has. */
  static Set<String> methods(Class<?> c) {
    return Arrays.stream(c.getDeclaredMethods())
        .filter(m -> !m.isSynthetic())
        .map(TwinKernelsTest::signature)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static String signature(Method m) {
    String params =
        Arrays.stream(m.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", "));
    return m.getName() + "(" + params + "): " + m.getReturnType().getSimpleName();
  }

  /** The static final primitive constants by name, with their values. */
  static Map<String, Number> constants(Class<?> c) {
    Map<String, Number> out = new TreeMap<>();
    for (Field f : c.getDeclaredFields()) {
      int mod = f.getModifiers();
      if (f.isSynthetic() || !Modifier.isStatic(mod) || !Modifier.isFinal(mod)) {
        continue;
      }
      if (f.getType() == int.class || f.getType() == long.class) {
        try {
          f.setAccessible(true);
          out.put(f.getName(), (Number) f.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }

  static Set<String> fieldNames(Class<?> c) {
    return Arrays.stream(c.getDeclaredFields())
        .filter(f -> !f.isSynthetic())
        .map(f -> f.getName() + ": " + f.getType().getSimpleName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Fails unless the f64 members, spelled as f32, are the f32 members; names the difference. */
  static void assertSameMembers(String f64, Set<String> f64Members, String f32, Set<String> f32s) {
    Set<String> onlyF64 =
        f64Members.stream()
            .map(TwinKernelsTest::toF32)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> onlyF32 = new TreeSet<>(f32s);
    onlyF32.removeAll(onlyF64);
    onlyF64.removeAll(f32s);
    if (!onlyF64.isEmpty() || !onlyF32.isEmpty()) {
      fail("only in " + f64 + " (as f32): " + onlyF64 + "; only in " + f32 + ": " + onlyF32);
    }
  }

  @ParameterizedTest(name = "{0} ~ {1}")
  @MethodSource("twins")
  void twinsDeclareTheSameMethods(String f64, String f32) {
    assertSameMembers(f64, methods(load(f64)), f32, methods(load(f32)));
  }

  @ParameterizedTest(name = "{0} ~ {1}")
  @MethodSource("twins")
  void twinsDeclareTheSameFieldsAndConstants(String f64, String f32) {
    assertSameMembers(f64, fieldNames(load(f64)), f32, fieldNames(load(f32)));
    Map<String, Number> a = constants(load(f64));
    Map<String, Number> b = constants(load(f32));
    assertEquals(a.keySet(), b.keySet(), f64 + " ~ " + f32 + " constants");
    for (String name : a.keySet()) {
      long expected = a.get(name).longValue() * (LANE_COUNTS.contains(name) ? 2 : 1);
      assertEquals(expected, b.get(name).longValue(), f32 + "." + name + " against " + f64);
    }
  }
}
