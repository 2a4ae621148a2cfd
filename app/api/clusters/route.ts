import { listClusters } from '@/lib/server/clusters';
import { guardRequest } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/clusters: kubeconfig contexts and demo clusters. */
export function GET(req: Request): Response {
  const refused = guardRequest(req);
  if (refused) return refused;
  return Response.json(listClusters(), { headers: { 'cache-control': 'no-store' } });
}
