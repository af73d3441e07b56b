/**
 * A running lab as one object: the {@link io.nflab.lab.LabSession} contract every user of a lab
 * (replay, console, kernel verification, HTTP API) drives, and the pure pieces the runtimes are built
 * from. See docs/runtime.md.
 */
package io.nflab.lab;
