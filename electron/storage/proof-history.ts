import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { KeptProof, newestProofFirst, type NewKeptProof } from '../../shared/prove/kept-proof';
import { maskSecrets } from '../reports/mask-report-secrets';
import { writeFileAtomic } from './atomic-file';
import { StoredFileError } from './json-store';
import { readRunFile, runFilePath, runIdsIn } from './run-folder';

// Every proof kept in userData/proofs/<proofId>.json, beside runs/ and tenant-runs/: what later checks and reports use.

export { KeptProof } from '../../shared/prove/kept-proof';

export class ProofNotFoundError extends Error {
  constructor(readonly proofId: string) {
    super(`no kept proof "${proofId}"`);
    this.name = 'ProofNotFoundError';
  }
}

/** A new proof id: the time it ran and a random tail, safe as a file name. */
export function newProofId(at: string): string {
  return `proof-${at.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
}

export class ProofHistory {
  readonly folder: string;

  constructor(userDataDir: string) {
    this.folder = join(userDataDir, 'proofs');
  }

  private pathOf(proofId: string): string {
    return runFilePath(this.folder, proofId, (id) => new ProofNotFoundError(id));
  }

  /** Keeps a proof; every known secret (the password typed for it) and secret-named field is masked first. */
  async save(proof: NewKeptProof, knownSecrets: readonly string[] = []): Promise<KeptProof> {
    const sequence = Math.max(0, ...(await this.list()).map((kept) => kept.sequence)) + 1;
    const checked = KeptProof.parse(
      maskSecrets({ ...proof, sequence, proofId: newProofId(proof.at) }, knownSecrets),
    );
    await writeFileAtomic(this.pathOf(checked.proofId), `${JSON.stringify(checked)}\n`);
    return checked;
  }

  async open(proofId: string): Promise<KeptProof> {
    return readRunFile(
      this.pathOf(proofId),
      KeptProof,
      'a kept proof',
      () => new ProofNotFoundError(proofId),
    );
  }

  /** Every kept proof, newest first; a file that is not one is skipped, not fatal. */
  async list(): Promise<KeptProof[]> {
    const proofs: KeptProof[] = [];
    for (const proofId of await runIdsIn(this.folder)) {
      try {
        proofs.push(await this.open(proofId));
      } catch (error) {
        if (!(error instanceof StoredFileError) && !(error instanceof ProofNotFoundError)) throw error;
      }
    }
    return proofs.sort(newestProofFirst);
  }
}

/** The proofs for a check or report: none, with a warning, when the folder cannot be read (the check still runs). */
export async function keptProofsOrNone(
  userDataDir: string,
  warn: (message: string) => void,
): Promise<KeptProof[]> {
  try {
    return await new ProofHistory(userDataDir).list();
  } catch (error) {
    warn(
      `the proof history could not be read, so no proof is used: ${error instanceof Error ? error.message : String(error)}`,
    );
    return [];
  }
}
