/**
 * The lab console of {@code nflab run}: console lines ({@code NODE COMMAND …} and the lab's own
 * commands) parsed into {@link io.nflab.console.ConsoleCommand}s, run on a {@link io.nflab.lab.LabSession},
 * and what they caused printed as the tools print it plus a one-line story per packet. Interactive with
 * JLine ({@link io.nflab.console.TerminalLines}, {@link io.nflab.console.ConsoleCompleter}) or from a script
 * ({@link io.nflab.console.ScriptLines}). See docs/console.md.
 */
package io.nflab.console;
