package org.paraml.spark;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Objects;
import org.paraml.estimator.Estimator;

/**
 * An estimator as it travels to executors: its class name and its hyperparameters
 * ({@link Estimator#getParams()}), never the Java-serialized object. An executor makes it again with the
 * class's public no-argument constructor and {@link Estimator#withParams}; an estimator class without one
 * travels serialized when it is {@link Serializable}, and is refused otherwise.
 */
final class EstimatorSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String className;
    private final Map<String, Object> params;
    private final Estimator serialized;

    private EstimatorSpec(String className, Map<String, Object> params, Estimator serialized) {
        this.className = className;
        this.params = params;
        this.serialized = serialized;
    }

    /**
     * The description of {@code estimator}.
     *
     * @throws IllegalArgumentException when the estimator can be neither made again by name nor serialized,
     *         or a parameter value cannot travel
     */
    static EstimatorSpec of(Estimator estimator) {
        Objects.requireNonNull(estimator, "estimator");
        Class<?> c = estimator.getClass();
        if (hasPublicNoArgConstructor(c)) {
            return new EstimatorSpec(c.getName(), Portable.params(estimator.getParams(), c.getSimpleName()), null);
        }
        if (estimator instanceof Serializable) {
            return new EstimatorSpec(c.getName(), null, estimator);
        }
        throw new IllegalArgumentException("estimator " + c.getName() + " cannot run on Spark: it has no public "
                + "no-argument constructor to make it again on an executor, and it is not Serializable");
    }

    /** The estimator's class name. */
    String className() {
        return className;
    }

    /** Makes the estimator on this JVM (an executor). */
    Estimator create() {
        if (serialized != null) {
            return serialized;
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(className, true, loader != null ? loader : EstimatorSpec.class.getClassLoader());
            Estimator base = (Estimator) c.getConstructor().newInstance();
            return base.withParams(params);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + className + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot make estimator " + className + " on this executor (is the ParaML "
                    + "jar, and the jar of the estimator, on spark.executor.extraClassPath?): " + e, e);
        }
    }

    private static boolean hasPublicNoArgConstructor(Class<?> c) {
        if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()
                || (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()))) {
            return false;
        }
        try {
            Constructor<?> k = c.getConstructor();
            return Modifier.isPublic(k.getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
