import { describe, expect, it } from 'vitest';
import { planWebConfigEdit } from '../../../electron/webconfig/webconfig-editor';
import type { WebConfigOperation } from '../../../electron/webconfig/webconfig-operations';
import { WebConfigRefusal } from '../../../electron/webconfig/webconfig-refusal';

const moduleType = 'MonoSign.IISModule.MSExchange, MonoSign.IISModule';
const ensureModule: WebConfigOperation = {
  kind: 'ensure-module',
  name: 'MonoSignExchange',
  type: moduleType,
};
const setting = (key: string, value: string): WebConfigOperation => ({
  kind: 'ensure-app-setting',
  key,
  value,
});

function refusal(text: string, operations: readonly WebConfigOperation[]): WebConfigRefusal {
  try {
    planWebConfigEdit(text, operations);
  } catch (error) {
    if (error instanceof WebConfigRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The text after planning, and proof that a second plan changes nothing. */
function edited(text: string, operations: readonly WebConfigOperation[]): string {
  const { after } = planWebConfigEdit(text, operations);
  const again = planWebConfigEdit(after, operations);
  expect(again.changes).toEqual([]);
  expect(again.after).toBe(after);
  return after;
}

describe('planWebConfigEdit: appSettings', () => {
  it('adds a key after the last entry with the siblings indentation', () => {
    const text =
      '<configuration>\n  <appSettings>\n    <add key="A" value="1" />\n  </appSettings>\n</configuration>\n';
    expect(edited(text, [setting('K', 'v')])).toBe(
      '<configuration>\n  <appSettings>\n    <add key="A" value="1" />\n    <add key="K" value="v" />\n  </appSettings>\n</configuration>\n',
    );
  });

  it('matches tab indentation and the "/>" style of the siblings', () => {
    const text =
      '<configuration>\n\t<appSettings>\n\t\t<add key="A" value="1"/>\n\t</appSettings>\n</configuration>';
    expect(edited(text, [setting('K', 'v')])).toBe(
      '<configuration>\n\t<appSettings>\n\t\t<add key="A" value="1"/>\n\t\t<add key="K" value="v"/>\n\t</appSettings>\n</configuration>',
    );
  });

  it('updates an existing key by changing only the bytes of its value', () => {
    const text =
      "<configuration>\n  <appSettings>\n    <add   value='old'  key='K' />\n  </appSettings>\n</configuration>";
    const edit = planWebConfigEdit(text, [setting('k', 'new')]);
    expect(edit.after).toBe(text.replace("'old'", "'new'"));
    expect(edit.splices).toEqual([{ start: text.indexOf('old'), end: text.indexOf('old') + 3, text: 'new' }]);
    expect(edit.changes).toEqual([{ kind: 'app-setting-updated', key: 'k', from: 'old', to: 'new' }]);
  });

  it('adds a value attribute to an existing key that has none', () => {
    const text = '<configuration><appSettings><add key="K" /></appSettings></configuration>';
    expect(edited(text, [setting('K', 'v')])).toBe(
      '<configuration><appSettings><add key="K" value="v" /></appSettings></configuration>',
    );
  });

  it('changes nothing when the value is already there', () => {
    const text =
      '<configuration><appSettings><add key="K" value="a &amp; b" /></appSettings></configuration>';
    const edit = planWebConfigEdit(text, [setting('K', 'a & b')]);
    expect(edit.changes).toEqual([]);
    expect(edit.after).toBe(text);
  });

  it('escapes &, <, > and the delimiting quote', () => {
    const value = `a&b<c>d"e'f`;
    const text = '<configuration>\n  <appSettings>\n  </appSettings>\n</configuration>';
    expect(edited(text, [setting('K', value)])).toContain(
      `<add key="K" value="a&amp;b&lt;c&gt;d&quot;e'f" />`,
    );
    const singleQuoted =
      "<configuration><appSettings><add key='K' value='x' /></appSettings></configuration>";
    expect(edited(singleQuoted, [setting('K', value)])).toContain(`value='a&amp;b&lt;c&gt;d"e&apos;f'`);
  });

  it('refuses duplicates of the key with their line numbers', () => {
    const text =
      '<configuration>\n  <appSettings>\n    <add key="K" value="1" />\n    <add key="A" value="2" />\n    <add key="k" value="3" />\n  </appSettings>\n</configuration>';
    const error = refusal(text, [setting('K', 'v')]);
    expect(error.code).toBe('duplicate');
    expect(error.message).toContain('lines 3, 5');
    expect(error.position).toEqual({ line: 5, column: 5 });
  });

  it('treats a key removed or cleared later as absent, and adds it at the end', () => {
    const text =
      '<configuration>\n  <appSettings>\n    <add key="K" value="1" />\n    <clear />\n  </appSettings>\n</configuration>';
    expect(edited(text, [setting('K', 'v')])).toBe(
      '<configuration>\n  <appSettings>\n    <add key="K" value="1" />\n    <clear />\n    <add key="K" value="v" />\n  </appSettings>\n</configuration>',
    );
  });

  it('removes a key with its whole line', () => {
    const text =
      '<configuration>\r\n  <appSettings>\r\n    <add key="A" value="1" />\r\n    <add key="K" value="2" />\r\n  </appSettings>\r\n</configuration>\r\n';
    const edit = planWebConfigEdit(text, [{ kind: 'remove-app-setting', key: 'K' }]);
    expect(edit.after).toBe(text.replace('    <add key="K" value="2" />\r\n', ''));
    expect(edit.changes).toEqual([{ kind: 'app-setting-removed', key: 'K', from: '2' }]);
    expect(planWebConfigEdit(edit.after, [{ kind: 'remove-app-setting', key: 'K' }]).changes).toEqual([]);
  });

  it('creates appSettings under configuration when there is none', () => {
    const text = '<?xml version="1.0"?>\n<configuration>\n  <system.web />\n</configuration>\n';
    const edit = planWebConfigEdit(text, [setting('A', '1'), setting('B', '2')]);
    expect(edit.after).toBe(
      '<?xml version="1.0"?>\n<configuration>\n  <system.web />\n  <appSettings>\n    <add key="A" value="1" />\n    <add key="B" value="2" />\n  </appSettings>\n</configuration>\n',
    );
    expect(edit.changes[0]).toEqual({
      kind: 'section-created',
      section: 'appSettings',
      parent: 'configuration',
    });
  });

  it('opens a self-closing appSettings', () => {
    const text = '<configuration>\n  <appSettings />\n</configuration>';
    expect(edited(text, [setting('A', '1')])).toBe(
      '<configuration>\n  <appSettings>\n    <add key="A" value="1" />\n  </appSettings>\n</configuration>',
    );
  });

  it.each(['configSource', 'file'])('refuses appSettings kept in %s, and says so', (attribute) => {
    const text = `<configuration>\n  <appSettings ${attribute}="app.config" />\n</configuration>`;
    const error = refusal(text, [setting('A', '1')]);
    expect(error.code).toBe('external-source');
    expect(error.message).toContain(`${attribute}="app.config"`);
    expect(error.message).toContain('line 2');
  });

  it('uses the appSettings of a path-less location and refuses two that both apply', () => {
    const inLocation =
      '<configuration>\n  <location inheritInChildApplications="false">\n    <appSettings>\n    </appSettings>\n  </location>\n</configuration>';
    expect(edited(inLocation, [setting('A', '1')])).toContain(
      '    <appSettings>\n      <add key="A" value="1" />\n    </appSettings>',
    );
    const twice =
      '<configuration>\n  <appSettings />\n  <location path=".">\n    <appSettings />\n  </location>\n</configuration>';
    expect(refusal(twice, [setting('A', '1')]).message).toContain('lines 2, 4');
  });

  it('refuses a value with a line break', () => {
    expect(refusal('<configuration />', [setting('A', 'x\ny')]).code).toBe('invalid-operation');
  });
});

describe('planWebConfigEdit: modules', () => {
  const frontEnd = [
    '<configuration>',
    '  <location inheritInChildApplications="false">',
    '    <system.webServer>',
    '      <modules>',
    '        <remove name="Session" />',
    '        <add name="HttpProxy" type="A.B, C" />',
    '      </modules>',
    '    </system.webServer>',
    '  </location>',
    '  <appSettings />',
    '</configuration>',
  ].join('\n');

  it('adds the module at the end of the modules inside the location, never a second system.webServer', () => {
    const after = edited(frontEnd, [ensureModule]);
    expect(after).toBe(
      frontEnd.replace(
        '        <add name="HttpProxy" type="A.B, C" />\n',
        `        <add name="HttpProxy" type="A.B, C" />\n        <add name="MonoSignExchange" type="${moduleType}" />\n`,
      ),
    );
    expect(after.match(/<system\.webServer>/g)).toHaveLength(1);
  });

  it('ignores a location that targets another path', () => {
    const text =
      '<configuration>\n  <system.webServer>\n    <modules>\n    </modules>\n  </system.webServer>\n  <location path="ping.ecp">\n    <system.webServer>\n      <modules />\n    </system.webServer>\n  </location>\n</configuration>';
    expect(edited(text, [ensureModule])).toContain(
      `    <modules>\n      <add name="MonoSignExchange" type="${moduleType}" />\n    </modules>`,
    );
  });

  it('adds after <clear/> and trailing <remove> entries', () => {
    const text =
      '<configuration>\n  <system.webServer>\n    <modules>\n      <clear />\n      <add name="X" type="X, X" />\n      <remove name="Y" />\n    </modules>\n  </system.webServer>\n</configuration>';
    expect(edited(text, [ensureModule])).toContain(
      `      <remove name="Y" />\n      <add name="MonoSignExchange" type="${moduleType}" />\n    </modules>`,
    );
  });

  it('opens a self-closing <modules/> and keeps its attributes', () => {
    const text =
      '<configuration>\n  <system.webServer>\n    <modules runAllManagedModulesForAllRequests="true" />\n  </system.webServer>\n</configuration>';
    expect(edited(text, [ensureModule])).toBe(
      `<configuration>\n  <system.webServer>\n    <modules runAllManagedModulesForAllRequests="true">\n      <add name="MonoSignExchange" type="${moduleType}" />\n    </modules>\n  </system.webServer>\n</configuration>`,
    );
  });

  it('creates <modules> inside the existing system.webServer', () => {
    const text =
      '<configuration>\n  <system.webServer>\n    <handlers />\n  </system.webServer>\n</configuration>';
    expect(edited(text, [ensureModule])).toBe(
      `<configuration>\n  <system.webServer>\n    <handlers />\n    <modules>\n      <add name="MonoSignExchange" type="${moduleType}" />\n    </modules>\n  </system.webServer>\n</configuration>`,
    );
  });

  it('creates system.webServer when the file has none', () => {
    const text = '<configuration>\n    <system.web />\n</configuration>';
    expect(edited(text, [ensureModule])).toBe(
      `<configuration>\n    <system.web />\n    <system.webServer>\n        <modules>\n            <add name="MonoSignExchange" type="${moduleType}" />\n        </modules>\n    </system.webServer>\n</configuration>`,
    );
  });

  it('puts the end tag on its own line when it shares a line with the last entry', () => {
    const text =
      '<configuration>\n  <system.webServer>\n    <modules><add name="X" type="X, X" /></modules>\n  </system.webServer>\n</configuration>';
    expect(edited(text, [ensureModule])).toContain(
      `    <modules><add name="X" type="X, X" />\n      <add name="MonoSignExchange" type="${moduleType}" />\n    </modules>`,
    );
  });

  it('fixes the type of an existing entry in place', () => {
    const text = `<configuration><system.webServer><modules><add name="MonoSignExchange" type="Old.Type, Old" /></modules></system.webServer></configuration>`;
    const edit = planWebConfigEdit(text, [ensureModule]);
    expect(edit.after).toBe(text.replace('Old.Type, Old', moduleType));
    expect(edit.changes).toEqual([
      { kind: 'module-type-updated', name: 'MonoSignExchange', from: 'Old.Type, Old', to: moduleType },
    ]);
  });

  it('accepts the type written without the space after the comma', () => {
    const text = `<configuration><system.webServer><modules><add name="MonoSignExchange" type="MonoSign.IISModule.MSExchange,MonoSign.IISModule" /></modules></system.webServer></configuration>`;
    expect(planWebConfigEdit(text, [ensureModule]).changes).toEqual([]);
  });

  it('moves an existing entry that is not last to the end, bytes and all', () => {
    const text = [
      '<configuration>',
      '  <system.webServer>',
      '    <modules>',
      `      <add name="MonoSignExchange" type="${moduleType}" preCondition="managedHandler" />`,
      '      <add name="Other" type="O, O" />',
      '    </modules>',
      '  </system.webServer>',
      '</configuration>',
    ].join('\r\n');
    const after = edited(text, [ensureModule]);
    expect(after).toBe(
      [
        '<configuration>',
        '  <system.webServer>',
        '    <modules>',
        '      <add name="Other" type="O, O" />',
        `      <add name="MonoSignExchange" type="${moduleType}" preCondition="managedHandler" />`,
        '    </modules>',
        '  </system.webServer>',
        '</configuration>',
      ].join('\r\n'),
    );
  });

  it('refuses a module added twice, with the lines', () => {
    const text = `<configuration>\n<system.webServer>\n<modules>\n<add name="MonoSignExchange" type="${moduleType}" />\n<add name="monosignexchange" type="${moduleType}" />\n</modules>\n</system.webServer>\n</configuration>`;
    const error = refusal(text, [ensureModule]);
    expect(error.code).toBe('duplicate');
    expect(error.message).toContain('lines 4, 5');
  });

  it('refuses two system.webServer sections that both have modules', () => {
    const text =
      '<configuration>\n  <system.webServer><modules /></system.webServer>\n  <location path="">\n    <system.webServer><modules /></system.webServer>\n  </location>\n</configuration>';
    expect(refusal(text, [ensureModule]).code).toBe('ambiguous');
  });
});

describe('planWebConfigEdit: text as given', () => {
  it('keeps a byte order mark that arrives decoded as U+FEFF', () => {
    const text = '\uFEFF<?xml version="1.0"?>\r\n<configuration>\r\n</configuration>';
    expect(edited(text, [setting('A', '1')])).toBe(
      '\uFEFF<?xml version="1.0"?>\r\n<configuration>\r\n  <appSettings>\r\n    <add key="A" value="1" />\r\n  </appSettings>\r\n</configuration>',
    );
  });
});

describe('planWebConfigEdit: refusals', () => {
  it('refuses malformed XML with the line and column fast-xml-parser reports', () => {
    const text =
      '<configuration>\n  <appSettings>\n    <add key="A" value="1">\n  </appSettings>\n</configuration>';
    const error = refusal(text, [setting('A', '2')]);
    expect(error.code).toBe('malformed');
    expect(error.position).toEqual({ line: 4, column: 3 });
    expect(error.message).toContain('line 4, column 3');
  });

  it('refuses what the validator lets through, with the scanner line and column', () => {
    const error = refusal('<configuration>\n  <appSettings>\n    <add key="R&D" value="1" />', [
      setting('A', '2'),
    ]);
    expect(error.code).toBe('malformed');
    const bareAmpersand = refusal('<configuration>\n  <x a="R&D" />\n</configuration>', [setting('A', '2')]);
    expect(bareAmpersand.position).toEqual({ line: 2, column: 10 });
  });

  it('refuses a file whose root is not configuration', () => {
    expect(refusal('<html />', [setting('A', '1')]).code).toBe('unsupported');
  });

  it('refuses the same key twice in one plan', () => {
    expect(refusal('<configuration />', [setting('A', '1'), setting('a', '2')]).code).toBe(
      'invalid-operation',
    );
  });
});
