import { describe, expect, it } from 'vitest';
import { resolveDesiredSettings } from '../../../shared/integrations/desired-settings';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { readWebConfig } from '../../../electron/webconfig/webconfig-reader';
import { WebConfigRefusal } from '../../../electron/webconfig/webconfig-refusal';
import { decodeConfig } from '../../../electron/webconfig/config-encoding';
import { readWebconfigFixture, webconfigFixtureNames } from '../../helpers/webconfig-fixtures';

function refusal(text: string): WebConfigRefusal {
  try {
    readWebConfig(text);
  } catch (error) {
    if (error instanceof WebConfigRefusal) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(text)}`);
}

describe('the web.config reader refuses what XML 1.0 and its namespaces do not allow', () => {
  it.each([
    ['<configuration><xdt:add/></configuration>', 1, 17, "prefix 'xdt'"],
    ['<configuration>\n  <add p:key="a"/>\n</configuration>', 2, 8, "prefix 'p'"],
    ['<a xmlns:b="urn:b"/><!-- b out of scope below -->', 1, 1, null],
    ['<a><b xmlns:x="urn:x"/><x:c/></a>', 1, 25, "prefix 'x'"],
    ['<a:b:c xmlns:a="urn:a"/>', 1, 2, 'qualified name'],
    ['<a xmlns:p=""/>', 1, 13, 'cannot be empty'],
  ])('names an undeclared or broken prefix: %j', (text, line, column, reason) => {
    if (reason === null) {
      expect(readWebConfig('<a xmlns:b="urn:b"><b:c/></a>').root.name).toBe('a');
      return;
    }
    const error = refusal(text);
    expect(error.position).toEqual({ line, column });
    expect(error.message).toContain(reason);
    expect(error.message).toContain(`line ${line}, column ${column}`);
  });

  it.each([
    '<?xml encoding="utf-8"?><a/>',
    '<?xml version="1.0" encoding="utf-8" version="1.0"?><a/>',
    '<?xml version="1.0" standalone="yes" encoding="utf-8"?><a/>',
    '<?xml version=1.0?><a/>',
    '<?xml version="1.0" encoding="utf 8"?><a/>',
    '<?xml version="1.0" standalone="maybe"?><a/>',
    '<?xml version="2.0"?><a/>',
    '<?xml version="1.0" foo="bar"?><a/>',
  ])('refuses a malformed XML declaration at line 1: %j', (text) => {
    const error = refusal(text);
    expect(error.code).toBe('malformed');
    expect(error.position?.line).toBe(1);
  });

  it.each([
    ['<a\u00D7b/>', 1, 3, 'U+00D7'],
    ['<a>\n<b c\u2000d="1"/></a>', 2, 5, 'U+2000'],
    ['<\u0300a/>', 1, 2, 'U+0300'],
    ['<a \u00F7="1"/>', 1, 4, 'U+00F7'],
  ])('refuses a character names may not hold: %j', (text, line, column, what) => {
    const error = refusal(text);
    expect(error.position).toEqual({ line, column });
    expect(error.message).toContain(what);
  });

  it.each([
    ['<a v="x\uFFFFy"/>', 1, 8, 'U+FFFF'],
    ['<a>\n text \uFFFE</a>', 2, 7, 'U+FFFE'],
    ['<a v="\uD800"/>', 1, 7, 'U+D800'],
    ['<a>\uDC00</a>', 1, 4, 'U+DC00'],
  ])(
    'refuses characters XML 1.0 does not allow, where they are in the input: %j',
    (text, line, column, what) => {
      const error = refusal(text);
      expect(error.position).toEqual({ line, column });
      expect(error.message).toContain(what);
    },
  );

  it('still reads every real fixture, namespaced ones included', async () => {
    for (const name of await webconfigFixtureNames()) {
      const { text } = decodeConfig(await readWebconfigFixture(name));
      expect(() => readWebConfig(text), name).not.toThrow();
    }
    expect(readWebConfig('<a xmlns:b="urn:b"><b:c b:d="1" xml:lang="en"/>\u{1F600}</a>').root.name).toBe('a');
  });
});

describe('secrets given for a plan', () => {
  it('refuses a secret XML cannot hold, naming the key and the character, never a line of the planned output', () => {
    for (const [bad, code, position] of [
      ['abc\uFFFFdef', 'U+FFFF', 4],
      ['x\uD800', 'U+D800', 2],
      ['\uFFFE', 'U+FFFE', 1],
    ] as const) {
      const resolution = resolveDesiredSettings(monosignProfile, [
        { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/' },
        { key: 'MONOSIGN_API_KEY', value: 'key-1' },
        { key: 'MONOSIGN_API_SECRET', value: bad },
      ]);
      expect(resolution.ok).toBe(false);
      const problems = resolution.ok ? [] : resolution.problems;
      expect(problems).toEqual([
        `MONOSIGN_API_SECRET contains ${code} at character ${position}, which XML 1.0 does not allow in web.config`,
      ]);
      expect(problems.join('')).not.toMatch(/line \d/);
    }
  });
});
