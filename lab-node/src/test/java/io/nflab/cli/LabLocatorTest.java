package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.UserInputException;
import io.nflab.scenario.LabLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabLocatorTest {
    private static final Path REPOSITORY = Path.of(System.getProperty(LabLocator.REPOSITORY_PROPERTY));

    @Test
    void aPathRelativeToTheRepository() {
        LabLocator locator = new LabLocator(Optional.of(REPOSITORY), getClass().getClassLoader());
        assertEquals(REPOSITORY.resolve("topologies/port-forward"), locator.locate("topologies/port-forward"));
    }

    @Test
    void aNameFromTheClasspathWhenThereIsNoRepository() {
        LabLocator locator = new LabLocator(Optional.empty(), getClass().getClassLoader());
        Path lab = locator.locate("port-forward");
        assertTrue(Files.isRegularFile(lab.resolve("topology.yaml")), lab.toString());
        assertEquals("port-forward", LabLoader.load(lab).topology().name());
    }

    @Test
    void aNameInsideAJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("labs.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"topology.yaml", "gw.rules", "scenarios/port-forward.yaml"}) {
                out.putNextEntry(new JarEntry("nflab/topologies/port-forward/" + name));
                Files.copy(REPOSITORY.resolve("topologies/port-forward").resolve(name), out);
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path lab = new LabLocator(Optional.empty(), loader).locate("port-forward");
            assertEquals("/nflab/topologies/port-forward", lab.toString());
            assertEquals(1, LabLoader.load(lab).scenarios().size());
            lab.getFileSystem().close();
        }
    }

    @Test
    void nothingThere(@TempDir Path dir) {
        LabLocator locator = new LabLocator(Optional.of(dir), getClass().getClassLoader());
        UserInputException e = assertThrows(UserInputException.class, () -> locator.locate("nowhere/lab"));
        assertEquals("no lab, topology or scenario `nowhere/lab' (looked for nowhere/lab, " + dir.resolve("nowhere/lab")
                + ")", e.getMessage());
    }

    @Test
    void anInvalidPath() {
        LabLocator locator = new LabLocator(Optional.empty(), getClass().getClassLoader());
        UserInputException e = assertThrows(UserInputException.class, () -> locator.locate("a\0b"));
        assertEquals("invalid path `a\0b': Nul character not allowed", e.getMessage());
    }
}
