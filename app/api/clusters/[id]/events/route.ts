import { feedOrError } from '@/lib/server/clusters';
import { guardRequest } from '@/lib/server/guard';
import { sseResponse } from '@/lib/server/sse';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET /api/clusters/{id}/events: Server-Sent Events — a snapshot, then batched deltas; resumable with Last-Event-ID. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const refused = guardRequest(req);
  if (refused) return refused;
  const feed = feedOrError((await ctx.params).id);
  if (feed instanceof Response) return feed;
  return sseResponse(req, feed);
}
