import { runEwsProbe } from '../../electron/tenant/ews/ews-probe';
import type { EwsProbeOptions } from '../../electron/tenant/ews/ews-probe-options';
import { ProbeSecret } from '../../electron/tenant/ews/probe-secret';

// Usage: ews-probe-child.cjs OPTIONS_JSON; the secret arrives on stdin (never in argv). Prints the outcome as JSON.
// Runs the probe with Node's own fetch, so NODE_EXTRA_CA_CERTS is what makes the stand-in trusted.
async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const parsed = JSON.parse(process.argv[2] ?? '{}') as Omit<EwsProbeOptions, 'secret'>;
  const outcome = await runEwsProbe({
    ...parsed,
    secret: new ProbeSecret(Buffer.concat(chunks).toString('utf8')),
  });
  process.stdout.write(JSON.stringify(outcome));
}

void main();
