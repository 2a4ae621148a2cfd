// The embedded demo clusters (lib/demo/clusters/*.json, Kubernetes v1 Lists) must be accepted by
// the real API server's validation: every object is applied (server-side apply, strict field
// validation; status and server-owned metadata stripped; controller-owned EndpointSlices skipped),
// then each object's status is applied through its /status subresource. Demos are applied one
// after another and cleaned up in between, because they may share namespaces and node names.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDemo, demoPath, formatRejections } from '../../scripts/cluster/demo';
import { REPO_ROOT } from '../../scripts/cluster/bins';
import { SERVICE_CIDR, type Service, ipInCidr } from '../../scripts/cluster/harness';
import { testCluster } from './cluster';

const { admin, viewer } = testCluster();
afterAll(() => {
  admin.close();
  viewer.close();
});

describe.each(['seed', 'reference', 'shop'])('demo cluster %s', (name) => {
  it('is applied to the real API server without a single rejection', async () => {
    const file = demoPath(name);
    expect(fs.existsSync(file), `${path.relative(REPO_ROOT, file)} must exist`).toBe(true);
    const r = await applyDemo(admin, name, { withStatus: true });
    try {
      expect(r.rejected, `objects of ${name} rejected by the API server:\n${formatRejections(r.rejected)}`).toEqual([]);
      expect(r.applied.length, `${name} applied no objects`).toBeGreaterThan(0);
      expect(
        r.statusRejected,
        `status of objects of ${name} rejected by the /status subresource:\n${formatRejections(r.statusRejected)}`,
      ).toEqual([]);
      // every Service got through allocation; selector-less ones keep the demo's own slices
      for (const a of r.applied.filter((x) => x.kind === 'Service')) {
        const s = await admin.get<Service>(`/api/v1/namespaces/${a.namespace}/services/${a.name}`);
        const ip = s.spec?.clusterIP;
        if (s.spec?.type !== 'ExternalName' && ip !== 'None') expect(ipInCidr(ip ?? '', SERVICE_CIDR), `${a.name}: ${ip}`).toBe(true);
      }
    } finally {
      await r.cleanup();
    }
  });
});
