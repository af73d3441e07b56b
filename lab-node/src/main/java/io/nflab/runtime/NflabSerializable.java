package io.nflab.runtime;

/**
 * Marker of every message that actors send each other. Bound to {@code jackson-cbor} in
 * {@code application.conf}, so any actor can live on any cluster member; Java serialization is off.
 */
public interface NflabSerializable {
}
