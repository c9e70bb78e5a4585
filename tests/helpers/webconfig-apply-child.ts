import { createInterface } from 'node:readline';
import { resolveDesiredSettings } from '../../shared/integrations/desired-settings';
import { monosignProfile } from '../../shared/integrations/monosign-profile';
import { applyFilePlan, planFile } from '../../electron/webconfig/local-webconfig-file';
import { WebConfigRefusal } from '../../electron/webconfig/webconfig-refusal';

// A separate process that plans and applies one web.config, reporting each step on stdout and waiting
// on stdin where the test says, so the test can kill -9 it or race it at a known state (never by time).
// Usage: webconfig-apply-child.ts FILE SECRET RUN_ID STOP_AT|none

const [file = '', secret = '', runId = 'child', stopAt = 'none'] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (text: string) => process.stdout.write(`${text}\n`);
const waitForGo = async () => {
  await lines.next();
};

async function main(): Promise<void> {
  const resolved = resolveDesiredSettings(monosignProfile, [
    { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/' },
    { key: 'MONOSIGN_API_KEY', value: 'key-1' },
    { key: 'MONOSIGN_API_SECRET', value: secret },
  ]);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  const planned = await planFile(file, {
    profile: monosignProfile,
    appId: 'owa',
    settings: resolved.settings,
  });
  say('planned');
  await waitForGo();
  try {
    const outcome = await applyFilePlan(planned, () => new Date('2026-03-01T09:08:07Z'), {
      runId,
      onStep: async (step) => {
        say(`step:${step}`);
        if (step === stopAt) await waitForGo();
      },
    });
    say(`result:${JSON.stringify(outcome)}`);
  } catch (error) {
    if (!(error instanceof WebConfigRefusal)) throw error;
    say(`result:${JSON.stringify({ kind: 'refused', code: error.code })}`);
  }
  process.exit(0);
}

void main();
