package io.nflab.cli;

import io.nflab.diagnostics.UserInputException;
import io.nflab.topology.Names;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the lab, topology or scenario a command names: a path (relative to the working directory,
 * then to the repository root the launcher passes as {@code -Dnflab.repo}), or a lab's name, looked up
 * in the repository's {@code topologies/NAME} and then on the classpath under {@code nflab/topologies/NAME/}
 * (inside nflab.jar the result is a path in the jar's file system).
 */
public final class LabLocator {
    /** The system property the {@code ./nflab} launcher sets to the repository root. */
    public static final String REPOSITORY_PROPERTY = "nflab.repo";
    private static final String TOPOLOGIES = "topologies";
    private static final String CLASSPATH_LABS = "nflab/topologies/";

    private final Optional<Path> repository;
    private final ClassLoader classLoader;

    public LabLocator(Optional<Path> repository, ClassLoader classLoader) {
        this.repository = repository;
        this.classLoader = classLoader;
    }

    /** The locator for this process: the repository from {@code -Dnflab.repo}, labs from our class loader. */
    public static LabLocator fromSystem() {
        return new LabLocator(Optional.ofNullable(System.getProperty(REPOSITORY_PROPERTY)).map(Path::of),
                LabLocator.class.getClassLoader());
    }

    /**
     * The file or lab folder {@code argument} names.
     *
     * @throws UserInputException naming the places looked in, when there is none
     */
    public Path locate(String argument) {
        Path given;
        try {
            given = Path.of(argument);
        } catch (InvalidPathException e) {
            throw new UserInputException("invalid path `" + argument + "': " + e.getReason());
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(given);
        if (!given.isAbsolute()) {
            repository.ifPresent(root -> candidates.add(root.resolve(argument)));
        }
        boolean isName = Names.isValidName(argument);
        if (isName) {
            repository.ifPresent(root -> candidates.add(root.resolve(TOPOLOGIES).resolve(argument)));
        }
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        Optional<Path> packaged = isName ? packagedLab(argument) : Optional.empty();
        if (packaged.isPresent()) {
            return packaged.get();
        }
        List<String> places = new ArrayList<>(candidates.stream().map(Path::toString).toList());
        if (isName) {
            places.add("classpath:" + CLASSPATH_LABS + argument);
        }
        throw new UserInputException("no lab, topology or scenario `" + argument + "' (looked for "
                + String.join(", ", places) + ")");
    }

    /** A lab packaged on the classpath (the topologies module), as a folder path. */
    private Optional<Path> packagedLab(String name) {
        URL topology = classLoader.getResource(CLASSPATH_LABS + name + "/topology.yaml");
        if (topology == null) {
            return Optional.empty();
        }
        try {
            URI uri = topology.toURI();
            if (uri.getScheme().equals("jar")) {
                openJar(uri);
            }
            return Optional.of(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new UserInputException("cannot open the packaged lab `" + name + "' (" + topology + "): " + e.getMessage());
        }
    }

    /** Opens the file system of the jar a {@code jar:} URI points into, once per process. */
    private static void openJar(URI uri) throws IOException {
        try {
            FileSystems.newFileSystem(uri, Map.of()); // stays open: paths into it are read later
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
            // another lookup opened it: Path.of(uri) finds it
        }
    }
}
