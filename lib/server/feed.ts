import type { DeltaMessage, SnapshotMessage } from '../snapshot/stream';

/**
 * One cluster's data as the server serves it: the current snapshot, recent deltas for resuming
 * streams, and a subscription for new deltas. Demo and live clusters both implement it, so the
 * routes and the SSE stream do not know which one they serve.
 */
export interface ClusterFeed {
  readonly id: string;
  /** The full current state (waits for the first sync of a live cluster). */
  current(): Promise<SnapshotMessage>;
  /** Deltas after `version`, when still buffered; undefined means "send a fresh snapshot". */
  since(version: number): DeltaMessage[] | undefined;
  /** Registers for new deltas; returns the unsubscribe function. */
  subscribe(listener: (delta: DeltaMessage) => void): () => void;
}

/** A feed that never changes: embedded demos and snapshot files. */
export class StaticFeed implements ClusterFeed {
  constructor(
    readonly id: string,
    private readonly message: SnapshotMessage,
  ) {}

  current(): Promise<SnapshotMessage> {
    return Promise.resolve(this.message);
  }

  since(version: number): DeltaMessage[] | undefined {
    return version === this.message.version ? [] : undefined;
  }

  subscribe(): () => void {
    return () => {};
  }
}
