package io.nflab.yaml;

import io.nflab.diagnostics.SourceLocation;

/**
 * A node of a YAML document that remembers where it was written, so that every problem found in it
 * can be reported as {@code FILE:LINE:COLUMN}. Built by {@link YamlTreeReader}; read with
 * {@link MappingReader} and {@link YamlValue}.
 */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {

    /** Where the node starts (for a block mapping: its first key). */
    SourceLocation location();

    /** How a message names what was found instead of what was expected, e.g. "a list" or "`eth0'". */
    String describe();
}
