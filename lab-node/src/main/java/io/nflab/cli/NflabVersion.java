package io.nflab.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
public final class NflabVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = NflabVersion.class.getPackage().getImplementationVersion();
        return new String[] {"nflab " + (version == null ? "development" : version)};
    }
}
