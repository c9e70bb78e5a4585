import { describe, expect, it } from 'vitest';
import { ExchangeOnlineMailInventory, Inventory } from '../../../shared/domain/inventory';

const before = { schemaVersion: 1, exchangeServers: [], syncServers: [], serviceAccount: null };
const clientId = '8a2f4c1e-6b3d-4e5f-9a7b-1c2d3e4f5a6b';

describe("the inventory's Exchange Online mail section", () => {
  it('keeps inventories written before it valid', () => {
    expect(Inventory.parse(before)).toEqual(before);
  });

  it('normalises the client id and addresses, with no account for app-only', () => {
    expect(
      ExchangeOnlineMailInventory.parse({
        clientId: clientId.toUpperCase(),
        flow: 'app-only',
        mailbox: 'ERP@Contoso.com',
      }),
    ).toEqual({ clientId, flow: 'app-only', mailbox: 'erp@contoso.com', account: null });
  });

  it('asks for the account with the delegated flow, naming the field', () => {
    const parsed = Inventory.safeParse({
      ...before,
      exchangeOnlineMail: { clientId, flow: 'delegated', mailbox: 'erp@contoso.com' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['exchangeOnlineMail', 'account']);
  });

  it('refuses a flow it does not know and a client id that is not a GUID', () => {
    const flow = ExchangeOnlineMailInventory.safeParse({
      clientId,
      flow: 'password',
      mailbox: 'a@b.example',
    });
    expect(flow.error?.issues[0]?.path).toEqual(['flow']);
    const id = ExchangeOnlineMailInventory.safeParse({
      clientId: 'erp',
      flow: 'app-only',
      mailbox: 'a@b.example',
    });
    expect(id.error?.issues[0]?.path).toEqual(['clientId']);
  });
});
