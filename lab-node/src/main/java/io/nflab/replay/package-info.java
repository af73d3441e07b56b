/**
 * Scenario replay ({@code nflab replay}): {@link io.nflab.replay.Replayer} runs a scenario's steps on a
 * {@link io.nflab.lab.LabSession}, {@link io.nflab.replay.ExpectationEvaluator} decides each expectation,
 * and {@link io.nflab.replay.HumanReport}, {@link io.nflab.replay.JsonReport} and
 * {@link io.nflab.replay.JunitReport} write the results. See docs/replay.md.
 */
package io.nflab.replay;
