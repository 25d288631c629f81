package org.jesptool.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs something outside the JVM: programs on the PATH, files, or the
 * shared reference data beside the repository. When one is missing the test is skipped with the reason
 * locally, and FAILS when the environment variable {@code CI} is {@code true}: CI installs everything
 * (see {@code .ci/run}), so a missing tool there is a broken build, not a skip. For checks an annotation
 * cannot express (a program's version, an npm install) call {@link OutsideTools#require(String)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresExtension.class)
public @interface Requires {

    /**
     * Programs that must be on the PATH, e.g. {@code socat}.
     *
     * @return program names
     */
    String[] commands() default {};

    /**
     * Files or folders that must exist (absolute, or relative to the module folder).
     *
     * @return paths
     */
    String[] files() default {};

    /**
     * Whether the shared reference data must be present ({@link OutsideTools#shared()}).
     *
     * @return true when needed
     */
    boolean shared() default false;

    /**
     * What to install, shown with the reason, e.g. {@code apt-get install softhsm2 opensc}.
     *
     * @return a hint, or empty
     */
    String hint() default "";
}
