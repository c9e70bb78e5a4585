import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { TenantAttestation } from '../../shared/tenant/tenant-check-contract';
import { writeFileAtomic } from '../storage/atomic-file';

/** Attestations per tenant, in the user-data folder: what admins saw in the portal where Graph cannot read. */
export const attestationsFileName = 'tenant-attestations.json';

const AttestationsFile = z.object({
  format: z.literal('exready-tenant-attestations/1'),
  tenants: z.record(z.string(), z.array(TenantAttestation)),
});
type AttestationsFile = z.infer<typeof AttestationsFile>;

export interface AttestationStore {
  list(tenant: string): Promise<TenantAttestation[]>;
  /** Replaces the tenant's attestation of the same check: the newest look at the portal is what counts. */
  save(tenant: string, attestation: TenantAttestation): Promise<TenantAttestation[]>;
}

export function createAttestationStore(userDataDir: string): AttestationStore {
  const path = join(userDataDir, attestationsFileName);
  const load = async (): Promise<AttestationsFile> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return { format: 'exready-tenant-attestations/1', tenants: {} };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = AttestationsFile.safeParse(json);
    if (!parsed.success)
      throw new Error(`${path} is not an attestations file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  };
  // One write at a time, so two quick attestations never lose one another.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    list: async (tenant) => (await load()).tenants[tenant.toLowerCase()] ?? [],
    save: (tenant, attestation) => {
      const next = queue.then(async () => {
        const file = await load();
        const key = tenant.toLowerCase();
        const kept = (file.tenants[key] ?? []).filter((entry) => entry.checkId !== attestation.checkId);
        const updated = [...kept, attestation];
        const tenants = { ...file.tenants, [key]: updated };
        await writeFileAtomic(path, `${JSON.stringify({ ...file, tenants }, null, 2)}\n`);
        return updated;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
