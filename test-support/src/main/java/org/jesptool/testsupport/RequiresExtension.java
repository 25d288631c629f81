package org.jesptool.testsupport;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Checks {@link Requires} before a class (its class annotation) and before each test (its method annotation). */
public final class RequiresExtension implements BeforeAllCallback, BeforeEachCallback {
    /** Made by JUnit for {@link Requires}. */
    public RequiresExtension() {
    }


    @Override
    public void beforeAll(ExtensionContext context) {
        context.getTestClass().ifPresent(RequiresExtension::check);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getTestMethod().ifPresent(RequiresExtension::check);
    }

    private static void check(AnnotatedElement element) {
        AnnotationSupport.findAnnotation(element, Requires.class).ifPresent(r -> OutsideTools.require(missing(r)));
    }

    /** What is missing, or null. */
    static String missing(Requires r) {
        List<String> missing = new ArrayList<>();
        for (String c : r.commands()) {
            if (!OutsideTools.onPath(c)) {
                missing.add(c + " (not on the PATH)");
            }
        }
        for (String f : r.files()) {
            if (!Files.exists(Path.of(f))) {
                missing.add(f);
            }
        }
        if (r.shared() && OutsideTools.shared() == null) {
            missing.add("the shared reference data (../shared beside the repository, or -Djesptool.shared=DIR)");
        }
        if (missing.isEmpty()) {
            return null;
        }
        return "missing " + String.join(", ", missing) + (r.hint().isEmpty() ? "" : "; " + r.hint());
    }
}
