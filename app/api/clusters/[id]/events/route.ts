import { ClusterUnavailable, feedFor } from '@/lib/server/clusters';
import { guardRequest } from '@/lib/server/guard';
import { sseResponse } from '@/lib/server/sse';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET /api/clusters/{id}/events: Server-Sent Events — a snapshot, then batched deltas; resumable with Last-Event-ID. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const refused = guardRequest(req);
  if (refused) return refused;
  const { id } = await ctx.params;
  let feed;
  try {
    feed = feedFor(decodeURIComponent(id));
  } catch (e) {
    if (e instanceof ClusterUnavailable) return Response.json({ error: 'unavailable', message: e.message }, { status: 409, headers: { 'cache-control': 'no-store' } });
    throw e;
  }
  if (!feed) return Response.json({ error: 'not-found', message: `no cluster "${decodeURIComponent(id)}"` }, { status: 404, headers: { 'cache-control': 'no-store' } });
  return sseResponse(req, feed);
}
