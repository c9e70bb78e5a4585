import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isSecretSettingKey, type SettingInput } from '../../shared/integrations/desired-settings';
import type { IntegrationProfile } from '../../shared/integrations/integration-profile';
import { CliUsageError } from './cli-io';

// Secrets reach the CLI from a file, the environment or a no-echo prompt: argv is visible to every local user.

/** Where the CLI may read secrets from; the entry point passes the process's, the tests their own. */
export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>;
  /** Asks for one secret without echoing it; null when no terminal is attached. */
  prompt: ((label: string) => Promise<string>) | null;
}

/** The environment variable that holds a secret setting: EXREADY_SECRET_ and the key in upper case. */
export function secretEnvName(key: string): string {
  return `EXREADY_SECRET_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

const howToGive = (key: string) =>
  `give it with --set-from-file ${key}=PATH, the environment variable ${secretEnvName(key)}, or at the prompt`;

/** Refuses a secret key given on the command line, naming the key and never its value. */
export function refuseSecretsInArgv(
  profile: IntegrationProfile,
  given: readonly SettingInput[],
  option: string,
): void {
  // An unknown --set key is refused as unknown by the resolver; the admin-named --extra key is judged by its name.
  const known = (key: string) =>
    option !== '--set' || profile.appSettings.some((entry) => entry.key.toLowerCase() === key.toLowerCase());
  const secret = given.find((setting) => known(setting.key) && isSecretSettingKey(profile, setting.key));
  if (secret !== undefined)
    throw new CliUsageError(
      `${option} ${secret.key}=... puts a secret in the process list, which every local user can read: ${howToGive(secret.key)}`,
    );
}

/** A secret file's content; one trailing line break (as editors leave it) is not part of the secret. */
async function readSecretFile(key: string, path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(resolve(path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(
      `--set-from-file ${key}: ${path} ${code === 'ENOENT' ? 'does not exist' : 'cannot be read'}`,
    );
  }
  return text.replace(/\r?\n$/, '');
}

/**
 * The profile's secret settings, from --set-from-file first, then the environment, then the prompt for a
 * required one still missing. A missing optional secret stays missing; the resolver names missing required ones.
 */
export async function collectSecretSettings(
  profile: IntegrationProfile,
  fromFiles: readonly SettingInput[],
  sources: SecretSources,
): Promise<SettingInput[]> {
  const collected: SettingInput[] = [];
  const has = (key: string) => collected.some((entry) => entry.key.toLowerCase() === key.toLowerCase());
  for (const { key, value: path } of fromFiles) {
    if (has(key)) throw new CliUsageError(`--set-from-file ${key} is given twice`);
    collected.push({ key, value: await readSecretFile(key, path) });
  }
  for (const setting of profile.appSettings.filter((entry) => entry.secret)) {
    if (has(setting.key)) continue;
    const fromEnv = sources.env[secretEnvName(setting.key)];
    if (fromEnv !== undefined && fromEnv !== '') collected.push({ key: setting.key, value: fromEnv });
    else if (setting.required && sources.prompt !== null)
      collected.push({ key: setting.key, value: await sources.prompt(setting.key) });
  }
  return collected;
}

/** Reads one line from the terminal without echoing it (raw mode); Ctrl-C or Ctrl-D abandon the command. */
export function terminalSecretPrompt(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
): ((label: string) => Promise<string>) | null {
  if (!input.isTTY) return null;
  return (label) =>
    new Promise((resolvePrompt, reject) => {
      output.write(`${label} (not shown): `);
      let typed = '';
      const finish = (error: Error | null) => {
        input.off('data', onData);
        input.setRawMode(false);
        input.pause();
        output.write('\n');
        if (error === null) resolvePrompt(typed);
        else reject(error);
      };
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') return finish(null);
          if (char === '\u0003' || char === '\u0004')
            return finish(new CliUsageError(`no value was entered for ${label}`));
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      input.setRawMode(true);
      input.resume();
      input.on('data', onData);
    });
}
