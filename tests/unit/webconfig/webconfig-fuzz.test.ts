import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDesiredSettings } from '../../../shared/integrations/desired-settings';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { decodeConfig } from '../../../electron/webconfig/config-encoding';
import { planIntegrationBytes, WebConfigInputError } from '../../../electron/webconfig/integration-plan';
import { readWebConfig } from '../../../electron/webconfig/webconfig-reader';
import { WebConfigRefusal } from '../../../electron/webconfig/webconfig-refusal';
import { readWebconfigFixture, webconfigFixtureNames } from '../../helpers/webconfig-fixtures';

// A seeded fuzz of the web.config reader and planner over the real fixtures, judged by an independent
// parser (sax in strict mode with namespaces): nothing the judge finds malformed may be accepted.

interface SaxParser {
  onerror: (error: Error) => void;
  write(text: string): SaxParser;
  close(): SaxParser;
}
const sax = createRequire(import.meta.url)('sax') as {
  parser: (strict: boolean, options: { xmlns: boolean }) => SaxParser;
};

/** The judge's verdict: null when well-formed (namespaces included), otherwise its first error. */
function judge(text: string): string | null {
  let first: string | null = null;
  const parser = sax.parser(true, { xmlns: true });
  parser.onerror = (error) => {
    first ??= error.message.split('\n')[0] ?? 'error';
    throw error;
  };
  try {
    parser.write(text).close();
  } catch {
    return first ?? 'error';
  }
  return first;
}

/** mulberry32: a small seeded generator, so a failing case can be replayed by its seed and index. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const palette = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '=',
  ':',
  '/',
  '?',
  '!',
  ' ',
  '\n',
  'a',
  '-',
  '.',
  '&amp;',
  '&#0;',
  '&#xFFFF;',
  ']]>',
  '<!--',
  '-->',
  '<![CDATA[',
  '\uFFFF',
  '\uFFFE',
  '\u0001',
  '\uD800',
  '\uDC00',
  '\u00D7',
  '\u2000',
  '\u0300',
  'xmlns:p="urn:p"',
  'p:',
  'xdt:',
  ' xmlns:="x"',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x>',
];

type Mutation = (text: string, next: () => number) => string;
const at = (text: string, next: () => number) => Math.floor(next() * (text.length + 1));
const mutations: Mutation[] = [
  (text, next) => {
    const i = at(text, next);
    return text.slice(0, i) + (palette[Math.floor(next() * palette.length)] ?? '') + text.slice(i);
  },
  (text, next) => {
    const i = at(text, next);
    return text.slice(0, i) + text.slice(i + 1 + Math.floor(next() * 8));
  },
  (text, next) => {
    const i = at(text, next);
    const piece = text.slice(i, i + 1 + Math.floor(next() * 40));
    return text.slice(0, i) + piece + piece + text.slice(i + piece.length);
  },
  // An element or attribute name gains a prefix nobody declared.
  (text, next) => {
    const starts = [...text.matchAll(/<([A-Za-z])|\s([A-Za-z]+)=/g)];
    const pick = starts[Math.floor(next() * starts.length)];
    if (pick === undefined) return text;
    const offset = (pick.index ?? 0) + (pick[1] !== undefined ? 1 : pick[0].indexOf(pick[2] ?? ''));
    return `${text.slice(0, offset)}zz:${text.slice(offset)}`;
  },
  // The XML declaration loses, repeats or reorders its parts.
  (text, next) => {
    const variants = [
      '<?xml encoding="utf-8"?>',
      '<?xml version="1.0" standalone="yes" encoding="utf-8"?>',
      '<?xml version=1.0?>',
      '<?xml version="1.0" encoding="utf-8"?>',
    ];
    const replaced = text.replace(
      /^\uFEFF?<\?xml[^?]*\?>/,
      variants[Math.floor(next() * variants.length)] ?? '',
    );
    return replaced === text ? `${variants[Math.floor(next() * variants.length)] ?? ''}${text}` : replaced;
  },
];

const settings = (() => {
  const resolved = resolveDesiredSettings(monosignProfile, [
    { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/' },
    { key: 'MONOSIGN_API_KEY', value: 'fuzz-key-1' },
    { key: 'MONOSIGN_API_SECRET', value: 'fuzz&secret<"2">' },
  ]);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return resolved.settings;
})();

describe('web.config fuzz (seeded, 5,000 cases, sax as the judge)', () => {
  const fixtures: string[] = [];
  beforeAll(async () => {
    for (const name of await webconfigFixtureNames()) {
      const text = decodeConfig(await readWebconfigFixture(name)).text;
      // Fixtures the judge itself refuses (if any) cannot seed a fair case.
      if (judge(text) === null) fixtures.push(text);
    }
  });

  it(
    'accepts nothing malformed, never crashes, and every plan it makes is well-formed',
    { timeout: 60_000 },
    () => {
      const seed = 0x5eed12;
      const next = random(seed);
      const acceptedMalformed: string[] = [];
      const crashes: string[] = [];
      const damaged: string[] = [];
      let accepted = 0;
      for (let index = 0; index < 5000; index++) {
        let text = fixtures[Math.floor(next() * fixtures.length)] ?? '';
        const rounds = 1 + Math.floor(next() * 3);
        for (let r = 0; r < rounds; r++)
          text = (mutations[Math.floor(next() * mutations.length)] ?? ((t) => t))(text, next);
        const verdict = judge(text);
        try {
          readWebConfig(text);
        } catch (error) {
          if (!(error instanceof WebConfigRefusal)) crashes.push(`#${index}: ${String(error)}`);
          else if (error.position === undefined) crashes.push(`#${index}: a refusal without line:column`);
          continue;
        }
        accepted += 1;
        if (verdict !== null) {
          acceptedMalformed.push(`#${index} (seed ${seed}): ${verdict}`);
          continue;
        }
        // Every third accepted file is planned on as well (the planner reads it twice more): under a minute.
        if (accepted % 3 !== 0) continue;
        try {
          const planned = planIntegrationBytes(Buffer.from(text, 'utf8'), {
            profile: monosignProfile,
            appId: 'owa',
            settings,
          });
          const after = decodeConfig(planned.after).text;
          const problem = judge(after);
          if (problem !== null) damaged.push(`#${index}: the plan is malformed: ${problem}`);
          else readWebConfig(after);
        } catch (error) {
          if (!(error instanceof WebConfigRefusal) && !(error instanceof WebConfigInputError))
            crashes.push(`#${index}: planning threw ${String(error)}`);
        }
      }
      expect({
        acceptedMalformed: acceptedMalformed.slice(0, 5),
        crashes: crashes.slice(0, 5),
        damaged: damaged.slice(0, 5),
      }).toEqual({
        acceptedMalformed: [],
        crashes: [],
        damaged: [],
      });
      // The fuzz must exercise both sides: enough mutated files still read, enough are refused.
      expect(accepted).toBeGreaterThan(500);
      expect(accepted).toBeLessThan(4500);
    },
  );
});
