import { feedOrError } from '@/lib/server/clusters';
import { guardRequest } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/clusters/{id}/topology: the current snapshot (projected records), version and per-kind status. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const refused = guardRequest(req);
  if (refused) return refused;
  const feed = feedOrError((await ctx.params).id);
  if (feed instanceof Response) return feed;
  return Response.json(await feed.current(), { headers: { 'cache-control': 'no-store' } });
}
