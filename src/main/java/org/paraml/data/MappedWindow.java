package org.paraml.data;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Maps a window of a file, hands it to an action and unmaps it before returning, so that the pages of
 * the window stop counting as resident memory of the process at once (a mapping left to the garbage
 * collector keeps its pages resident until a collection happens to free it: scanning a 4 GB file that
 * way took the resident size to 3.9 GB).
 *
 * <p>Java 17 has no public way to unmap, so the mechanism depends on the runtime, chosen once:
 * <ul>
 *   <li>Java 22 and later: {@code FileChannel.map(mode, offset, size, Arena)} in a confined
 *       {@code java.lang.foreign.Arena}, whose {@code close()} unmaps; a stray access after that fails
 *       with an exception instead of a crash. Called through method handles because the library is
 *       compiled for Java 17.</li>
 *   <li>Java 17 to 21: {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}). Not used on
 *       22+, where the JDK deprecates it for removal and warns at run time.</li>
 *   <li>Neither (a trimmed runtime): {@link #available()} is false and callers read without mapping.</li>
 * </ul>
 */
final class MappedWindow {
    /** Receives the mapped window; it must not keep the buffer (or a view of it) after returning. */
    interface Action {
        void accept(ByteBuffer window) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(MappedWindow.class.getName());

    // Java 22+: Arena.ofConfined(), FileChannel.map(MapMode, long, long, Arena),
    // MemorySegment.asByteBuffer(), Arena.close()
    private static final MethodHandle OF_CONFINED;
    private static final MethodHandle MAP_IN_ARENA;
    private static final MethodHandle AS_BYTE_BUFFER;
    private static final MethodHandle CLOSE_ARENA;
    // Java 17-21: Unsafe.invokeCleaner(ByteBuffer), bound to the Unsafe instance
    private static final MethodHandle INVOKE_CLEANER;

    /** How windows are unmapped on this runtime, for logs and reports; null when they cannot be. */
    static final String MECHANISM;

    static {
        MethodHandle[] ffm = Runtime.version().feature() >= 22 ? findForeign() : null;
        OF_CONFINED = ffm == null ? null : ffm[0];
        MAP_IN_ARENA = ffm == null ? null : ffm[1];
        AS_BYTE_BUFFER = ffm == null ? null : ffm[2];
        CLOSE_ARENA = ffm == null ? null : ffm[3];
        INVOKE_CLEANER = ffm == null ? findInvokeCleaner() : null;
        MECHANISM = ffm != null ? "java.lang.foreign.Arena"
                : INVOKE_CLEANER != null ? "sun.misc.Unsafe.invokeCleaner" : null;
    }

    private MappedWindow() {
    }

    private static MethodHandle[] findForeign() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> arena = Class.forName("java.lang.foreign.Arena");
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            return new MethodHandle[] {
                lookup.findStatic(arena, "ofConfined", MethodType.methodType(arena)),
                lookup.findVirtual(FileChannel.class, "map",
                        MethodType.methodType(segment, FileChannel.MapMode.class, long.class, long.class, arena)),
                lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class)),
                lookup.findVirtual(arena, "close", MethodType.methodType(void.class)),
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "java.lang.foreign is not usable; trying Unsafe.invokeCleaner", e);
            return null;
        }
    }

    private static MethodHandle findInvokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "sun.misc.Unsafe.invokeCleaner is not available", e);
            return null;
        }
    }

    /** True when windows can be unmapped on this runtime. */
    static boolean available() {
        return MECHANISM != null;
    }

    /**
     * Maps bytes {@code [position, position + size)} of {@code channel} read-only, calls {@code action} with
     * them (a buffer of big-endian order, position 0, limit {@code size}) and unmaps them, also when the
     * action throws.
     *
     * @throws IllegalStateException when {@link #available()} is false
     */
    static void read(FileChannel channel, long position, int size, Action action) throws IOException {
        if (OF_CONFINED != null) {
            readInArena(channel, position, size, action);
        } else if (INVOKE_CLEANER != null) {
            MappedByteBuffer window = channel.map(FileChannel.MapMode.READ_ONLY, position, size);
            try {
                action.accept(window);
            } finally {
                invoke(() -> {
                    INVOKE_CLEANER.invokeExact((ByteBuffer) window);
                    return null;
                });
            }
        } else {
            throw new IllegalStateException("mapped windows cannot be unmapped on this runtime");
        }
    }

    private static void readInArena(FileChannel channel, long position, int size, Action action) throws IOException {
        Object arena = invoke(() -> OF_CONFINED.invoke());
        try {
            Object segment = invoke(() -> MAP_IN_ARENA.invoke(channel, FileChannel.MapMode.READ_ONLY, position,
                    (long) size, arena));
            ByteBuffer window = (ByteBuffer) invoke(() -> AS_BYTE_BUFFER.invoke(segment));
            action.accept(window);
        } finally {
            invoke(() -> {
                CLOSE_ARENA.invoke(arena);
                return null;
            });
        }
    }

    private interface Call {
        Object run() throws Throwable;
    }

    /** Runs a method-handle call, letting IOExceptions and unchecked throwables through unwrapped. */
    private static Object invoke(Call call) throws IOException {
        try {
            return call.run();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
