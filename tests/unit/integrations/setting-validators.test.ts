import { describe, expect, it } from 'vitest';
import { describeSettingProblem } from '../../../shared/integrations/setting-validators';

describe('describeSettingProblem', () => {
  it.each([
    ['https-url', 'https://your-api-url/'],
    ['https-url', 'https://mfa.contoso.com:8443/api?x=1#y'],
    ['https-url', 'https://10.0.0.5/'],
    ['https-url', 'https://[fd00::1]:443/'],
    ['secret', 'x'],
    ['boolean', 'true'],
    ['boolean', 'False'],
    ['windows-path', 'C:\\monosign-logs'],
    ['windows-path', 'D:\\Logs\\MFA\\'],
    ['windows-path', '\\\\files01\\logs\\mfa'],
    ['email-list', ''],
    ['email-list', 'admin@contoso.com'],
    ['email-list', 'a@contoso.com, b.c@mail.contoso.co.uk;d+e@contoso.com'],
    ['text', 'MONOFOR'],
  ] as const)('%s accepts %j', (kind, value) => {
    expect(describeSettingProblem(kind, value)).toBeNull();
  });

  it.each([
    ['https-url', 'http://mfa.contoso.com/', 'https://'],
    ['https-url', 'https://', 'https://'],
    ['https-url', 'https://user:pw@mfa.contoso.com/', 'https://'],
    ['https-url', 'https://mfa contoso.com/', 'https://'],
    ['https-url', 'https://mfa.contoso.com:70000/', 'port'],
    ['secret', '   ', 'must not be empty'],
    ['boolean', 'yes', 'true or false'],
    ['windows-path', 'log-directory', 'absolute Windows path'],
    ['windows-path', 'C:\\logs\\a|b', 'absolute Windows path'],
    ['windows-path', '/var/log', 'absolute Windows path'],
    ['email-list', 'if-you-have-type-email@address', 'entry 1'],
    ['email-list', 'a@contoso.com,,b@contoso.com', 'empty entry'],
    ['text', 'two\nlines', 'line break'],
    ['secret', 'tab\there', 'control character'],
  ] as const)('%s refuses %j', (kind, value, reason) => {
    expect(describeSettingProblem(kind, value)).toContain(reason);
  });

  it('never quotes the value in its message', () => {
    expect(describeSettingProblem('https-url', 'http://secret-host/')).not.toContain('secret-host');
    expect(describeSettingProblem('email-list', 'not-an-address')).not.toContain('not-an-address');
  });
});
