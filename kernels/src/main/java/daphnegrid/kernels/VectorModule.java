package daphnegrid.kernels;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes the Vector API ({@code jdk.incubator.vector}) available when the JVM was started without
 * {@code --add-modules jdk.incubator.vector}, by defining the module at run time in a layer of its
 * own above the boot layer, to the boot class loader like every JDK module.
 *
 * <p>Why: a JVM whose boot layer holds an incubator module does not archive its module graph, and
 * without that its AOT cache (JDK 25, {@code -XX:AOTCache}) holds no linked classes: every class
 * the cache serves is still linked at run time and every lambda spun anew. The launchers therefore
 * start JDK 25 and newer without the option and let this class add the module when the kernels are
 * first chosen. Measured on two cores: {@code bin/daphne --distributed} printing one line against
 * two running workers took 0.30-0.44 s instead of 0.58-0.70 (the Hazelcast client's start, timed in
 * a prototype: 124-138 ms instead of 340-430), and a worker printed its start line after 0.39-0.41
 * s instead of 0.74-0.82. Defining the module takes about 8 ms. Its classes come from the boot
 * loader as usual, so the JIT treats them as it does with the option (a compiled vector loop ran at
 * the same speed either way).
 *
 * <p>How: the public {@link ModuleLayer} API refuses the boot loader for a new layer; this goes
 * through the constructor and the loader mapping that the JDK uses for its own boot layer, and then
 * adds the qualified exports (and opens) that boot-layer modules declare to {@code
 * jdk.incubator.vector} (java.base's internal packages), which the boot layer dropped because the
 * module was absent. It needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} and {@code
 * --add-opens java.base/jdk.internal.module=ALL-UNNAMED}; without them, or on a JDK whose internals
 * differ, it gives up and the kernels run their plain twins, as on a JVM without the module (the
 * same bits, slower), with the reason logged at DEBUG.
 */
final class VectorModule {
  static final String NAME = "jdk.incubator.vector";

  /**
   * The logger, created at the first message (see Kernels: the platform's logging is slow to
   * start).
   */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(VectorModule.class.getName());
  }

  private static Module module;
  private static boolean tried;

  private VectorModule() {}

  /** The module, defined on first call if the boot layer lacks it; empty if that failed. */
  static synchronized Optional<Module> ensure() {
    if (!tried) {
      tried = true;
      module = ModuleLayer.boot().findModule(NAME).orElseGet(VectorModule::defineOrNull);
    }
    return Optional.ofNullable(module);
  }

  /** Whether the module is in a layer of its own (defined by {@link #ensure}). */
  static synchronized boolean definedAtRunTime() {
    return module != null && module.getLayer() != ModuleLayer.boot();
  }

  private static Module defineOrNull() {
    try {
      return define();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Log.LOG.log(
          System.Logger.Level.DEBUG, "cannot define {0} at run time: {1}", NAME, e.toString());
      return null;
    }
  }

  private static Module define() throws ReflectiveOperationException {
    ModuleLayer boot = ModuleLayer.boot();
    ModuleReference ref =
        ModuleFinder.ofSystem()
            .find(NAME)
            .orElseThrow(() -> new IllegalStateException("this JDK has no module " + NAME));
    Configuration cf =
        boot.configuration().resolve(new OneModule(ref), ModuleFinder.of(), Set.of(NAME));
    Method mapping =
        Class.forName("jdk.internal.module.ModuleLoaderMap")
            .getDeclaredMethod("mappingFunction", Configuration.class);
    mapping.setAccessible(true);
    Object loaders = mapping.invoke(null, cf);
    Constructor<ModuleLayer> layer =
        ModuleLayer.class.getDeclaredConstructor(Configuration.class, List.class, Function.class);
    layer.setAccessible(true);
    Module vector = layer.newInstance(cf, List.of(boot), loaders).findModule(NAME).orElseThrow();
    Method addExports =
        Module.class.getDeclaredMethod("implAddExports", String.class, Module.class);
    Method addOpens = Module.class.getDeclaredMethod("implAddOpens", String.class, Module.class);
    addExports.setAccessible(true);
    addOpens.setAccessible(true);
    for (Module m : boot.modules()) {
      for (ModuleDescriptor.Exports e : m.getDescriptor().exports()) {
        if (e.targets().contains(NAME)) {
          addExports.invoke(m, e.source(), vector);
        }
      }
      for (ModuleDescriptor.Opens o : m.getDescriptor().opens()) {
        if (o.targets().contains(NAME)) {
          addOpens.invoke(m, o.source(), vector);
        }
      }
    }
    return vector;
  }

  /** A module finder that finds one module (the resolver then looks at no other). */
  private record OneModule(ModuleReference ref) implements ModuleFinder {
    @Override
    public Optional<ModuleReference> find(String name) {
      return ref.descriptor().name().equals(name) ? Optional.of(ref) : Optional.empty();
    }

    @Override
    public Set<ModuleReference> findAll() {
      return Set.of(ref);
    }
  }
}
