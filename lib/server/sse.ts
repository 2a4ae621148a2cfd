import type { ClusterFeed } from './feed';

/** Seconds between heartbeat comments: keeps idle proxies from closing the stream, exposes dead clients. */
export const HEARTBEAT_MS = 15_000;

export const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform: nothing between us and the browser may compress (and so buffer) the stream.
  'cache-control': 'no-cache, no-store, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
} as const;

function frame(event: string, id: number, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Server-Sent Events for one client: a full snapshot (or, with `Last-Event-ID`, only the deltas it
 * missed when the feed still has them), then deltas as the feed publishes them, and heartbeats.
 * Everything stops when the client goes away (`request.signal`).
 */
export function sseResponse(req: Request, feed: ClusterFeed, opts: { heartbeatMs?: number } = {}): Response {
  const encoder = new TextEncoder();
  const lastEventId = req.headers.get('last-event-id');
  let cleanup = (): void => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = -1;
      const send = (text: string): void => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Deltas that arrive while the snapshot is being prepared are queued, then filtered by version.
      const pending: Parameters<Parameters<ClusterFeed['subscribe']>[0]>[0][] = [];
      let ready = false;
      const unsubscribe = feed.subscribe((delta) => {
        if (!ready) pending.push(delta);
        else if (delta.version > lastSent) {
          send(frame('delta', delta.version, delta));
          lastSent = delta.version;
        }
      });
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      req.signal.addEventListener('abort', cleanup, { once: true });
      const resumeFrom = lastEventId !== null && /^\d+$/.test(lastEventId) ? Number(lastEventId) : undefined;
      const missed = resumeFrom !== undefined ? feed.since(resumeFrom) : undefined;
      if (missed) {
        lastSent = resumeFrom as number;
        for (const d of missed) {
          send(frame('delta', d.version, d));
          lastSent = d.version;
        }
      } else {
        const snap = await feed.current();
        send(frame('snapshot', snap.version, snap));
        lastSent = snap.version;
      }
      ready = true;
      for (const d of pending) {
        if (d.version > lastSent) {
          send(frame('delta', d.version, d));
          lastSent = d.version;
        }
      }
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { status: 200, headers: STREAM_HEADERS });
}
